import { StoreUnavailable } from '../event-store.port';
import { asStoreError, isDisconnected, isUnreachable } from './kurrentdb-errors';

describe('KurrentDB errors as the port names them', () => {
  it('takes a cluster whose nodes all fail to answer gossip for an unreachable store, and a lost connection', () => {
    const discovery = new Error('Failed to discover after 10 attempts.');
    expect(isDisconnected(discovery)).toBe(true);
    expect(asStoreError(discovery)).toBeInstanceOf(StoreUnavailable);
    expect(isDisconnected(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBe(true);
  });

  it('passes other errors on unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(isUnreachable(bug)).toBe(false);
    expect(asStoreError(bug)).toBe(bug);
  });
});

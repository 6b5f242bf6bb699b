import { StoreUnavailable } from '../event-store.port';
import { asStoreError } from './sqlite-errors';

const sqliteError = (code: string) => Object.assign(new Error(`${code} happened`), { code });

describe('asStoreError', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_IOERR_WRITE', 'io_error'],
    ['SQLITE_IOERR', 'io_error'],
    ['SQLITE_READONLY_DBMOVED', 'io_error'],
    ['SQLITE_CANTOPEN', 'io_error'],
    ['SQLITE_CORRUPT', 'io_error'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
  ])('names %s a store failure (%s), keeping the cause', (code, reason) => {
    const original = sqliteError(code);
    const error = asStoreError(original) as StoreUnavailable;
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect(error.reason).toBe(reason);
    expect(error.cause).toBe(original);
  });

  it('names a closed connection unreachable', () => {
    const error = asStoreError(new TypeError('The database connection is not open'));
    expect(error).toMatchObject({ reason: 'unreachable' });
  });

  it.each([sqliteError('SQLITE_CONSTRAINT_UNIQUE'), new Error('anything else'), 'a string'])(
    'leaves other errors as they are (%p)',
    (error) => {
      expect(asStoreError(error)).toBe(error);
    },
  );
});

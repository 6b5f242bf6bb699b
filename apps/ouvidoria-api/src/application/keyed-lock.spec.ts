import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  /** Work that logs its start and end with a turn of the event loop in between. */
  const job = (log: string[], name: string) => async () => {
    log.push(`${name} start`);
    await tick();
    log.push(`${name} end`);
    return name;
  };

  it('runs work for the same key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const results = await Promise.all([lock.run('k', job(log, 'a')), lock.run('k', job(log, 'b'))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets different keys overlap', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    await Promise.all([lock.run('x', job(log, 'x')), lock.run('y', job(log, 'y'))]);
    expect(log.slice(0, 2)).toEqual(['x start', 'y start']);
  });

  it('keeps going after a failure and forgets finished keys', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('k', async () => 'after')).resolves.toBe('after');
    expect((lock as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});

import { KurrentDbEventStore } from '@app/event-store';
import { KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { randomBytes, randomUUID } from 'node:crypto';
import { kurrentDbForTests } from '../../../../test/support/kurrentdb/test-url';
import { KurrentDbKeyStore } from './kurrentdb-key-store';

/** Keys shared by every instance on one KurrentDB (the wire test server, or KURRENTDB_TEST_URL). */
describe('KurrentDbKeyStore (real client on the wire)', () => {
  const kek = randomBytes(32);
  const prefix = `k${randomUUID().slice(0, 8)}-`;

  it('gives racing instances one key per subject, sealed in the cluster, outside the log', async () => {
    const backend = await kurrentDbForTests();
    const [a, b] = [new KurrentDbKeyStore(backend.url, prefix, kek), new KurrentDbKeyStore(backend.url, prefix, kek)];
    const log = new KurrentDbEventStore({ url: backend.url, streamPrefix: prefix });
    const client = KurrentDBClient.connectionString(backend.url);
    try {
      const keys = await Promise.all([a.keyFor('subject-1'), b.keyFor('subject-1'), a.keyFor('subject-1'), b.keyFor('subject-1')]);
      expect(new Set(keys.map((k) => k.id)).size).toBe(1);
      expect(new Set(keys.map((k) => k.key.toString('hex'))).size).toBe(1);
      expect(await b.key('subject-1', keys[0].id)).toEqual(keys[0].key);
      expect(await b.key('subject-1', randomUUID())).toBeNull();
      expect(await b.key('subject-2', keys[0].id)).toBeNull();
      expect((await a.keyFor('subject-2')).id).not.toBe(keys[0].id);

      expect(await log.readAll({ after: 0n, maxCount: 100 })).toEqual([]);
      const stored: string[] = [];
      for await (const resolved of client.readStream(`${prefix}keys-subject-1`)) stored.push(JSON.stringify(resolved.event?.data));
      expect(stored).toHaveLength(1);
      expect(stored[0]).not.toContain(keys[0].key.toString('base64'));
      const otherKek = new KurrentDbKeyStore(backend.url, prefix, randomBytes(32));
      await expect(otherKek.key('subject-1', keys[0].id)).rejects.toThrow();
      await otherKek.close();
      await expect(collect(client.readStream(`${prefix}keys-nobody`))).rejects.toBeInstanceOf(StreamNotFoundError);
    } finally {
      await a.close();
      await b.close();
      await log.close();
      await client.dispose();
      await backend.close();
    }
  });

  it('destroys a subject’s key for every instance: gone at once for the one that destroyed it, and for a fresh one; a new key after', async () => {
    const backend = await kurrentDbForTests();
    const [a, b] = [new KurrentDbKeyStore(backend.url, prefix, kek), new KurrentDbKeyStore(backend.url, prefix, kek)];
    try {
      const first = await a.keyFor('erased-subject');
      expect(await a.destroy('erased-subject')).toBe(1);
      expect(await a.destroy('erased-subject')).toBe(0);
      expect(await a.key('erased-subject', first.id)).toBeNull();
      expect(await b.key('erased-subject', first.id)).toBeNull();
      const [again, raced] = await Promise.all([a.keyFor('erased-subject'), b.keyFor('erased-subject')]);
      expect(again.id).not.toBe(first.id);
      expect(raced.id).toBe(again.id);
      expect(await b.key('erased-subject', again.id)).toEqual(again.key);
    } finally {
      await a.close();
      await b.close();
      await backend.close();
    }
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

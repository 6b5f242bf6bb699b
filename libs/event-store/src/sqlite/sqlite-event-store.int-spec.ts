import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WrongExpectedRevision, type NewEvent, type RecordedEvent } from '../event-store.port';
import { firstBrokenLink } from '../../test-support/first-broken-link';
import { chainHash, GENESIS_HASH, type HashedFields } from '../hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

const NOW = new Date('2024-03-01T12:00:00.000Z');

function newEvent(id: string, data: Record<string, unknown> = { id }, type = 'Something'): NewEvent {
  return {
    id,
    type,
    data,
    metadata: {
      eventId: id,
      occurredAt: NOW.toISOString(),
      actor: { sub: 'tester', role: 'ouvidoria' },
      correlationId: 'corr-1',
      causationId: 'cause-1',
    },
  };
}

/** Exactly the fields the store hashes on append: no position, no hash. */
const hashedFields = ({ streamId, revision, id, type, data, metadata, recordedAt }: RecordedEvent): HashedFields => ({
  streamId,
  revision,
  id,
  type,
  data,
  metadata,
  recordedAt,
});

/**
 * Recomputes the chain with chainHash alone, so what the store wrote is checked apart from
 * firstBrokenLink. Returns, per revision, whether the stored hash matches.
 */
function recomputeChain(events: RecordedEvent[]): Array<[bigint, boolean]> {
  let prev = GENESIS_HASH;
  return events.map((event) => {
    const matches = event.hash === chainHash(prev, hashedFields(event));
    prev = event.hash;
    return [event.revision, matches];
  });
}

const everything = (store: SqliteEventStore) => store.readAll({ after: 0n, maxCount: 1_000 });

/** What only the embedded store does or has to prove; what every adapter does is in the contract suite. */
describe('SqliteEventStore (real SQLite file)', () => {
  let dir: string;
  let file: string;
  let clock: Date;
  let opened: SqliteEventStore[];

  const open = () => {
    const store = new SqliteEventStore({ file, now: () => clock });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-event-store-'));
    file = path.join(dir, 'events.db');
    clock = NOW;
    opened = [];
  });

  afterEach(async () => {
    for (const store of opened) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('append and read', () => {
    it('gives positions that increase across streams, the last one of the batch being returned', async () => {
      const store = open();

      const a = await store.append('stream-a', [newEvent('a0')], 'no_stream');
      const b = await store.append('stream-b', [newEvent('b0'), newEvent('b1')], 'no_stream');
      const a2 = await store.append('stream-a', [newEvent('a1')], 0n);

      expect(a.position).toBeGreaterThan(0n);
      expect(b.position).toBe(a.position + 2n);
      expect(a2.position).toBe(b.position + 1n);
      expect((await everything(store)).map((e) => e.position)).toEqual([a.position, a.position + 1n, b.position, a2.position]);
    });

    it('reads a stream in revision order, round-tripping data and metadata, stamped by the injected clock', async () => {
      const store = open();
      const first = newEvent('e0', { text: 'olá', nested: { list: [1, 'two', null], flag: true } }, 'Registered');
      const second = newEvent('e1', { amount: 12.5 }, 'Answered');
      await store.append('stream-a', [first], 'no_stream');
      await store.append('stream-other', [newEvent('x0')], 'no_stream');
      clock = new Date('2024-03-02T08:30:00.000Z');
      await store.append('stream-a', [second], 0n);

      const events = await store.readStream('stream-a');

      expect(events.map((e) => [e.revision, e.id, e.type])).toEqual([
        [0n, 'e0', 'Registered'],
        [1n, 'e1', 'Answered'],
      ]);
      expect(events[0].streamId).toBe('stream-a');
      expect(events[0].data).toEqual(first.data);
      expect(events[0].metadata).toEqual(first.metadata);
      expect(events[1].data).toEqual(second.data);
      expect(events[0].recordedAt).toBe('2024-03-01T12:00:00.000Z');
      expect(events[1].recordedAt).toBe('2024-03-02T08:30:00.000Z');
      for (const event of events) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('idempotent re-append', () => {
    it("answers a retry at 'no_stream' with the same result and writes nothing", async () => {
      const store = open();
      await store.append('stream-other', [newEvent('x0')], 'no_stream');
      const batch = [newEvent('a0'), newEvent('a1')];
      const original = await store.append('stream-a', batch, 'no_stream');
      await store.append('stream-other', [newEvent('x1')], 0n);
      const before = await everything(store);

      const retry = await store.append('stream-a', batch, 'no_stream');

      expect(retry).toEqual(original);
      expect(await everything(store)).toEqual(before);
    });

    it('answers a retry at an exact revision with the same result, even after the stream moved on', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0')], 'no_stream');
      const batch = [newEvent('a1'), newEvent('a2')];
      const original = await store.append('stream-a', batch, 0n);
      await store.append('stream-a', [newEvent('a3')], 2n);
      const before = await everything(store);

      const retry = await store.append('stream-a', batch, 0n);

      expect(retry).toEqual({ nextRevision: 2n, position: original.position });
      expect(retry).toEqual(original);
      expect(await everything(store)).toEqual(before);
    });

    it('refuses the same ids at an older expected revision', async () => {
      const store = open();
      const batch = [newEvent('a0'), newEvent('a1')];
      await store.append('stream-a', batch, 'no_stream');
      const before = await everything(store);

      await expect(store.append('stream-a', batch, 0n)).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(await everything(store)).toEqual(before);
    });

    it('refuses the same ids at the current revision: they are already stored, not new events', async () => {
      const store = open();
      const batch = [newEvent('a0'), newEvent('a1')];
      await store.append('stream-a', batch, 'no_stream');
      const before = await everything(store);

      await expect(store.append('stream-a', batch, 1n)).rejects.toThrow();
      expect(await everything(store)).toEqual(before);
    });

    it('refuses a batch that starts with a stored id but differs after it', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0'), newEvent('a1')], 'no_stream');
      const before = await everything(store);

      await expect(store.append('stream-a', [newEvent('a0'), newEvent('other')], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevision,
      );
      await expect(store.append('stream-a', [newEvent('a0'), newEvent('other')], 'any')).rejects.toThrow();
      await expect(store.append('stream-a', [newEvent('a0'), newEvent('a1'), newEvent('a2')], 'no_stream')).rejects.toThrow();
      expect(await everything(store)).toEqual(before);
    });

    it('refuses stored ids appended to another stream', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0')], 'no_stream');
      const before = await everything(store);

      await expect(store.append('stream-b', [newEvent('a0')], 'no_stream')).rejects.toThrow();
      expect(await store.readStream('stream-b')).toEqual([]);
      expect(await everything(store)).toEqual(before);
    });
  });

  describe('hash chain', () => {
    it('firstBrokenLink finds nothing wrong with a good stream read back', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0'), newEvent('a1')], 'no_stream');
      await store.append('stream-a', [newEvent('a2')], 1n);

      expect(firstBrokenLink(await store.readStream('stream-a'))).toBeNull();
    });

    it('firstBrokenLink names the revision whose row was changed behind the store', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0'), newEvent('a1', { amount: 10 }), newEvent('a2')], 'no_stream');
      await store.append('stream-b', [newEvent('b0'), newEvent('b1')], 'no_stream');

      const intruder = new Database(file);
      const changed = intruder
        .prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = 1')
        .run(JSON.stringify({ amount: 999 }), 'stream-a');
      intruder.close();
      expect(changed.changes).toBe(1);

      const tampered = await store.readStream('stream-a');
      expect(tampered[1].data).toEqual({ amount: 999 });
      expect(recomputeChain(tampered)).toEqual([
        [0n, true],
        [1n, false],
        [2n, true],
      ]);
      expect(firstBrokenLink(tampered)).toBe(1n);
      expect(firstBrokenLink(await store.readStream('stream-b'))).toBeNull();
    });

    it('firstBrokenLink names the revision whose stored hash was rewritten', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0'), newEvent('a1'), newEvent('a2')], 'no_stream');

      const intruder = new Database(file);
      intruder.prepare("UPDATE events SET hash = ? WHERE stream_id = 'stream-a' AND revision = 2").run('f'.repeat(64));
      intruder.close();

      const tampered = await store.readStream('stream-a');
      expect(recomputeChain(tampered)).toEqual([
        [0n, true],
        [1n, true],
        [2n, false],
      ]);
      expect(firstBrokenLink(tampered)).toBe(2n);
    });

    // Data is hashed as given but stored as JSON.stringify: a Date is hashed as {} and stored as a string.
    it('stores a hash that matches an event whose data held a Date', async () => {
      const store = open();
      await store.append('stream-a', [newEvent('a0', { at: new Date('2024-03-01T12:00:00.000Z') })], 'no_stream');

      expect(recomputeChain(await store.readStream('stream-a'))).toEqual([[0n, true]]);
    });
  });

  describe('reopening the file', () => {
    it('keeps every event, and appends continue with the right revisions, positions and chain', async () => {
      const first = open();
      await first.append('stream-a', [newEvent('a0'), newEvent('a1')], 'no_stream');
      const last = await first.append('stream-b', [newEvent('b0')], 'no_stream');
      const before = await everything(first);
      await first.close();

      const reopened = open();
      expect(await everything(reopened)).toEqual(before);

      clock = new Date('2024-03-05T09:00:00.000Z');
      const result = await reopened.append('stream-a', [newEvent('a2')], 1n);
      expect(result).toEqual({ nextRevision: 2n, position: last.position + 1n });
      await expect(reopened.append('stream-a', [newEvent('a3')], 1n)).rejects.toBeInstanceOf(WrongExpectedRevision);

      const stream = await reopened.readStream('stream-a');
      expect(stream.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(stream[2].hash).toBe(chainHash(stream[1].hash, hashedFields(stream[2])));
      expect(recomputeChain(stream).every(([, matches]) => matches)).toBe(true);
    });

    it('still recognises a retry of a batch appended before the restart', async () => {
      const first = open();
      const batch = [newEvent('a0'), newEvent('a1')];
      const original = await first.append('stream-a', batch, 'no_stream');
      await first.close();

      const reopened = open();

      expect(await reopened.append('stream-a', batch, 'no_stream')).toEqual(original);
      expect(await everything(reopened)).toHaveLength(2);
    });
  });

  describe('onAppended', () => {
    it('tells listeners the last position of a fresh append, not of a replay or a refusal', async () => {
      const store = open();
      const seen: bigint[] = [];
      store.onAppended((position) => seen.push(position));
      const batch = [newEvent('a0'), newEvent('a1')];

      const result = await store.append('stream-a', batch, 'no_stream');
      await store.append('stream-a', batch, 'no_stream');
      await store.append('stream-a', [newEvent('a2')], 'no_stream').catch(() => undefined);

      expect(seen).toEqual([result.position]);
    });

    it('stops telling a listener once it unsubscribes, and keeps telling the others', async () => {
      const store = open();
      const stopped: bigint[] = [];
      const staying: bigint[] = [];
      const unsubscribe = store.onAppended((position) => stopped.push(position));
      store.onAppended((position) => staying.push(position));

      const first = await store.append('stream-a', [newEvent('a0')], 'no_stream');
      unsubscribe();
      const second = await store.append('stream-a', [newEvent('a1')], 0n);

      expect(stopped).toEqual([first.position]);
      expect(staying).toEqual([first.position, second.position]);
    });

    it('reports a committed append as a success even when a listener throws, and hands over the error', async () => {
      const reported: unknown[] = [];
      const store = new SqliteEventStore({ file, now: () => clock, onListenerError: (error) => reported.push(error) });
      opened.push(store);
      store.onAppended(() => {
        throw new Error('listener failed');
      });

      await expect(store.append('stream-a', [newEvent('a0')], 'no_stream')).resolves.toEqual({
        nextRevision: 0n,
        position: expect.any(BigInt),
      });
      expect(await store.readStream('stream-a')).toHaveLength(1);
      expect(reported).toEqual([new Error('listener failed')]);
    });
  });

  describe('group commit', () => {
    it('commits appends to different streams requested together, each with its own position', async () => {
      const store = open();
      const results = await Promise.all(['a', 'b', 'c'].map((stream) => store.append(stream, [newEvent(`${stream}-0`)], 'no_stream')));
      expect(results.map((r) => r.nextRevision)).toEqual([0n, 0n, 0n]);
      expect(new Set(results.map((r) => r.position)).size).toBe(3);
      expect((await everything(store)).map((e) => e.streamId)).toEqual(['a', 'b', 'c']);
    });

    it('lets only one of two appends at the same expected revision win, even in one batch', async () => {
      const store = open();
      await store.append('s', [newEvent('s-0')], 'no_stream');
      const [first, second] = await Promise.allSettled([
        store.append('s', [newEvent('s-1a')], 0n),
        store.append('s', [newEvent('s-1b')], 0n),
      ]);
      expect(first.status).toBe('fulfilled');
      expect(second.status).toBe('rejected');
      expect((second as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      expect((await store.readStream('s')).map((e) => e.id)).toEqual(['s-0', 's-1a']);
    });

    it('rolls back a refused append alone: the rest of the batch is committed and chained', async () => {
      const store = open();
      await store.append('taken', [newEvent('dup')], 'no_stream');
      const outcomes = await Promise.allSettled([
        store.append('x', [newEvent('x-0'), newEvent('x-1')], 'no_stream'),
        store.append('y', [newEvent('y-0'), newEvent('dup')], 'no_stream'),
        store.append('z', [newEvent('z-0')], 'no_stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.readStream('y')).toEqual([]);
      expect((await everything(store)).map((e) => e.id)).toEqual(['dup', 'x-0', 'x-1', 'z-0']);
      expect(firstBrokenLink(await store.readStream('x'))).toBeNull();
    });

    it('fails the whole batch when SQLite abandons the transaction (disk full): nothing is reported written', async () => {
      const store = open();
      await store.append('warm', [newEvent('warm-0')], 'no_stream');
      // Cap the file at its current size so that a large event cannot fit (SQLITE_FULL).
      const db = (store as unknown as { db: Database.Database }).db;
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      const outcomes = await Promise.allSettled([
        store.append('a', [newEvent('a-0')], 'no_stream'),
        store.append('big', [newEvent('big-0', { blob: 'x'.repeat(200_000) })], 'no_stream'),
        store.append('c', [newEvent('c-0')], 'no_stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
      db.pragma('max_page_count = 1073741823');
      expect((await everything(store)).map((e) => e.id)).toEqual(['warm-0']);
    });

    it('notifies once per batch with the last position', async () => {
      const store = open();
      const seen: bigint[] = [];
      store.onAppended((position) => seen.push(position));
      const results = await Promise.all([store.append('p', [newEvent('p-0')], 'any'), store.append('q', [newEvent('q-0')], 'any')]);
      expect(seen).toEqual([results[1].position]);
    });

    it('writes what was requested before close()', async () => {
      const store = open();
      const pending = store.append('late', [newEvent('late-0')], 'no_stream');
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextRevision: 0n });
      const reopened = open();
      expect((await reopened.readStream('late')).map((e) => e.id)).toEqual(['late-0']);
    });
  });
});

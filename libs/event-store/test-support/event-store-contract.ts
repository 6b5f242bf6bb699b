import { randomUUID } from 'node:crypto';
import { WrongExpectedRevision, type EventStore, type NewEvent, type RecordedEvent } from '../src/event-store.port';
import { ChainVerifier } from '../src/hash-chain';

/** A backend for one test: stores opened on it share the log (two stores = two instances). */
export interface ContractBackend {
  open(): Promise<EventStore>;
  /** The clock every store of this backend stamps `recordedAt` and lease times with. */
  setNow(now: Date): void;
  /** Whether a store hears of appends made through another store (several instances on one log). */
  readonly sharedByInstances: boolean;
  close(): Promise<void>;
}

const T0 = new Date('2026-04-01T13:00:00.000Z');

/**
 * What any adapter of the event store port must do, run against each (the embedded SQLite store, the
 * KurrentDB one on its wire test server or a real node). Stream names carry a per-test prefix and
 * event ids are fresh uuids, so that the suite can run on a shared real server.
 */
export function describeEventStoreContract(adapter: string, backend: () => Promise<ContractBackend>): void {
  describe(`event store contract: ${adapter}`, () => {
    let current: ContractBackend;
    let store: EventStore;
    let prefix: string;
    const ids = new Map<string, string>();
    const id = (name: string) => ids.get(name) ?? (ids.set(name, randomUUID()), ids.get(name)!);
    const stream = (name: string) => `${prefix}${name}`;
    const event = (name: string, data: Record<string, unknown> = { name }, type = 'Something'): NewEvent => ({
      id: id(name),
      type,
      data,
      metadata: {
        eventId: id(name),
        occurredAt: T0.toISOString(),
        actor: { sub: 'tester', role: 'ouvidoria' },
        correlationId: 'c',
        causationId: 'c',
      },
    });
    const names = (events: RecordedEvent[]) => events.map((e) => [...ids].find(([, v]) => v === e.id)?.[0] ?? e.id);
    /** This test's part of the global log, in order. */
    async function ours(on = store): Promise<RecordedEvent[]> {
      const all: RecordedEvent[] = [];
      for (let after = 0n; ;) {
        const page = await on.readAll({ after, maxCount: 500 });
        if (page.length === 0) return all.filter((e) => e.streamId.startsWith(prefix));
        all.push(...page);
        after = page[page.length - 1].position;
      }
    }
    async function until(condition: () => boolean, what: string): Promise<void> {
      for (const deadline = Date.now() + 5000; !condition(); await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      }
    }
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error,
      );

    beforeEach(async () => {
      current = await backend();
      current.setNow(T0);
      store = await current.open();
      prefix = `t${randomUUID().slice(0, 8)}-`;
      ids.clear();
    });
    afterEach(() => current.close());

    describe('append and read', () => {
      it('starts a stream at revision 0, gives increasing positions across streams and answers the last of a batch', async () => {
        const a = await store.append(stream('a'), [event('a0')], 'no_stream');
        const b = await store.append(stream('b'), [event('b0'), event('b1')], 'no_stream');
        const a2 = await store.append(stream('a'), [event('a1')], 0n);
        expect([a.nextRevision, b.nextRevision, a2.nextRevision]).toEqual([0n, 1n, 1n]);
        const log = await ours();
        expect(names(log)).toEqual(['a0', 'b0', 'b1', 'a1']);
        expect(log.map((e) => e.position)).toEqual([a.position, expect.any(BigInt), b.position, a2.position]);
        log.slice(1).forEach((e, i) => expect(e.position).toBeGreaterThan(log[i].position));
      });

      it('round-trips data and metadata, stamped with the injected clock', async () => {
        const first = event('e0', { text: 'olá', nested: { list: [1, 'two', null], flag: true } }, 'Registered');
        await store.append(stream('a'), [first], 'no_stream');
        current.setNow(new Date('2026-04-02T08:30:00.000Z'));
        await store.append(stream('a'), [event('e1', { amount: 12.5 }, 'Answered')], 0n);
        const events = await store.readStream(stream('a'));
        expect(events.map((e) => [e.revision, e.type, e.streamId])).toEqual([
          [0n, 'Registered', stream('a')],
          [1n, 'Answered', stream('a')],
        ]);
        expect(events[0]).toMatchObject({ id: first.id, data: first.data, metadata: first.metadata, recordedAt: T0.toISOString() });
        expect(events[1].recordedAt).toBe('2026-04-02T08:30:00.000Z');
      });

      it('reads an unknown stream as empty, and reads backwards, from a revision, up to a count', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
        await store.append(
          stream('a'),
          ['a0', 'a1', 'a2', 'a3'].map((n) => event(n)),
          'no_stream',
        );
        expect(names(await store.readStream(stream('a'), { direction: 'backwards', maxCount: 1 }))).toEqual(['a3']);
        expect(names(await store.readStream(stream('a'), { fromRevision: 1n, maxCount: 2 }))).toEqual(['a1', 'a2']);
        expect(names(await store.readStream(stream('a'), { direction: 'backwards', fromRevision: 1n }))).toEqual(['a1', 'a0']);
      });
    });

    describe('expected revision', () => {
      it("refuses 'no_stream' on an existing stream, a stale revision, and a revision of a stream that does not exist", async () => {
        await store.append(stream('a'), [event('a0'), event('a1')], 'no_stream');
        expect(await refusal(store.append(stream('a'), [event('x')], 'no_stream'))).toMatchObject({
          constructor: WrongExpectedRevision,
          expected: 'no_stream',
          actual: 1n,
        });
        expect(await refusal(store.append(stream('a'), [event('y')], 0n))).toMatchObject({
          constructor: WrongExpectedRevision,
          expected: 0n,
          actual: 1n,
        });
        expect(await refusal(store.append(stream('b'), [event('z')], 0n))).toMatchObject({
          constructor: WrongExpectedRevision,
          actual: 'no_stream',
        });
        expect(names(await ours())).toEqual(['a0', 'a1']);
      });

      it("appends with 'any' to a new stream and an existing one, and at the exact current revision", async () => {
        expect((await store.append(stream('a'), [event('a0')], 'any')).nextRevision).toBe(0n);
        expect((await store.append(stream('a'), [event('a1'), event('a2')], 'any')).nextRevision).toBe(2n);
        expect((await store.append(stream('a'), [event('a3')], 2n)).nextRevision).toBe(3n);
      });

      it('lets exactly one of many instances claim a new stream (an idempotency claim: its first event at no_stream)', async () => {
        const instances = current.sharedByInstances ? [store, await current.open(), await current.open()] : [store];
        const claims = Array.from({ length: 9 }, (_, i) =>
          instances[i % instances.length].append(stream('claim'), [event(`claim-${i}`)], 'no_stream'),
        );
        const results = await Promise.allSettled(claims);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(stream('claim'))).toHaveLength(1);
      });

      it('lets exactly one of two racing appends at the same revision win', async () => {
        await store.append(stream('a'), [event('a0')], 'no_stream');
        const results = await Promise.allSettled([
          store.append(stream('a'), [event('x')], 0n),
          store.append(stream('a'), [event('y')], 0n),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(stream('a'))).toHaveLength(2);
      });
    });

    describe('idempotent re-append', () => {
      it("answers a retry at 'no_stream', at an exact revision (after the stream moved on) and at 'any' with the original result", async () => {
        const batch = [event('a0'), event('a1')];
        const original = await store.append(stream('a'), batch, 'no_stream');
        const next = [event('a2')];
        const second = await store.append(stream('a'), next, 1n);
        const third = await store.append(stream('a'), [event('a3')], 'any');
        await store.append(stream('a'), [event('a4')], 3n);
        expect(await store.append(stream('a'), batch, 'no_stream')).toEqual(original);
        expect(await store.append(stream('a'), next, 1n)).toEqual(second);
        expect(await store.append(stream('a'), [event('a4')], 'any')).toEqual({
          nextRevision: 4n,
          position: (await ours()).at(-1)!.position,
        });
        expect(third.nextRevision).toBe(3n);
        expect(names(await ours())).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
      });

      it('refuses stored ids at another expected revision, and a batch that only starts like a stored one', async () => {
        const batch = [event('a0'), event('a1')];
        await store.append(stream('a'), batch, 'no_stream');
        await expect(store.append(stream('a'), batch, 0n)).rejects.toThrow();
        await expect(store.append(stream('a'), [event('a0'), event('other')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(names(await ours())).toEqual(['a0', 'a1']);
      });
    });

    describe('readAll', () => {
      it('pages through the log in position order, exclusive of `after`, as readStream reads each stream', async () => {
        await store.append(stream('a'), [event('a0'), event('a1')], 'no_stream');
        await store.append(stream('b'), [event('b0')], 'no_stream');
        await store.append(stream('a'), [event('a2')], 1n);
        await store.append(stream('c'), [event('c0'), event('c1')], 'no_stream');
        const log = await ours();
        expect(names(log)).toEqual(['a0', 'a1', 'b0', 'a2', 'c0', 'c1']);
        const fromB0 = await store.readAll({ after: log[2].position, maxCount: 2 });
        expect(names(fromB0.filter((e) => e.streamId.startsWith(prefix)))).toEqual(['a2', 'c0']);
        expect(log.filter((e) => e.streamId === stream('a'))).toEqual(await store.readStream(stream('a')));
        expect(await store.eventAt(log[3].position)).toEqual(log[3]);
        expect(await store.eventAt(log[5].position + 1_000_000n)).toBeNull();
        expect(await store.countAfter(log[2].position, 100)).toBe(3);
        expect(await store.countAfter(log[2].position, 2)).toBe(2);
        expect(await store.countAfter(log[5].position, 100)).toBe(0);
      });
    });

    describe('hash chain', () => {
      it('stores a hash per event that chains on the previous one of its stream, whatever the data held', async () => {
        await store.append(stream('a'), [event('a0', { at: new Date('2026-04-01T10:00:00Z') as unknown as string })], 'no_stream');
        await store.append(stream('b'), [event('b0')], 'no_stream');
        await store.append(stream('a'), [event('a1'), event('a2')], 0n);
        const verifier = new ChainVerifier();
        for (const recorded of await ours()) expect(verifier.check(recorded)).toBeNull();
      });

      it('refuses an instance whose view of a stream is stale, and chains its next append onto what the other instance wrote', async () => {
        const other = current.sharedByInstances ? await current.open() : store;
        await store.append(stream('a'), [event('a0')], 'no_stream');
        await store.readStream(stream('a'));
        await other.append(stream('a'), [event('b1')], 0n);
        expect(await refusal(store.append(stream('a'), [event('a1')], 0n))).toBeInstanceOf(WrongExpectedRevision);
        await store.append(stream('a'), [event('a2')], 1n);
        await other.append(stream('a'), [event('b3')], 2n);
        const verifier = new ChainVerifier();
        const log = await ours();
        expect(names(log)).toEqual(['a0', 'b1', 'a2', 'b3']);
        for (const recorded of log) expect(verifier.check(recorded)).toBeNull();
      });
    });

    describe('onAppended and lastPosition', () => {
      it('tells a listener the position of a new append, until it unsubscribes', async () => {
        const heard: bigint[] = [];
        const stop = store.onAppended((position) => heard.push(position));
        await new Promise((r) => setTimeout(r, 200)); // a subscription may take a moment to be live
        const { position } = await store.append(stream('a'), [event('a0')], 'no_stream');
        await until(() => heard.includes(position), 'the notification');
        stop();
        const later = await store.append(stream('a'), [event('a1')], 0n);
        await new Promise((r) => setTimeout(r, 200));
        expect(heard).not.toContain(later.position);
        expect(await store.lastPosition()).toBe(later.position);
      });

      it('tells every instance of appends made by any of them, when the log is shared', async () => {
        if (!current.sharedByInstances) return;
        const other = await current.open();
        const heard: bigint[] = [];
        other.onAppended((position) => heard.push(position));
        await new Promise((r) => setTimeout(r, 200));
        const { position } = await store.append(stream('a'), [event('a0')], 'no_stream');
        await until(() => heard.includes(position), 'the other instance to hear of it');
        expect(names(await ours(other))).toEqual(['a0']);
      });
    });

    describe('leases', () => {
      it('is held by one holder at a time, renewed by it, taken by another once it ran out or was released', async () => {
        const other = current.sharedByInstances ? await current.open() : store;
        const name = `${prefix}relay`;
        expect(await store.acquireLease(name, 'A', 15_000, { at: 1 })).toEqual({
          holder: 'A',
          until: new Date(T0.getTime() + 15_000),
          data: { at: 1 },
        });
        expect((await other.acquireLease(name, 'B', 15_000)).holder).toBe('A');
        current.setNow(new Date(T0.getTime() + 10_000));
        expect(await store.acquireLease(name, 'A', 15_000, { at: 2 })).toMatchObject({
          holder: 'A',
          until: new Date(T0.getTime() + 25_000),
        });
        current.setNow(new Date(T0.getTime() + 24_000));
        expect((await other.acquireLease(name, 'B', 15_000)).holder).toBe('A');
        current.setNow(new Date(T0.getTime() + 26_000));
        expect(await other.acquireLease(name, 'B', 15_000)).toMatchObject({ holder: 'B', data: {} });
        expect(await store.acquireLease(name, 'A', 15_000)).toMatchObject({ holder: 'B' });
        expect(await store.readLease(name)).toMatchObject({ holder: 'B' });
        await other.releaseLease(name, 'B');
        expect((await store.acquireLease(name, 'A', 15_000)).holder).toBe('A');
        expect(await store.readLease(`${prefix}never`)).toBeNull();
      });

      it('lets only one of two instances racing for a free lease take it', async () => {
        const other = current.sharedByInstances ? await current.open() : store;
        const name = `${prefix}race`;
        const [a, b] = await Promise.all([store.acquireLease(name, 'A', 15_000), other.acquireLease(name, 'B', 15_000)]);
        expect(a.holder).toBe(b.holder);
      });

      it('keeps leases out of the log', async () => {
        await store.acquireLease(`${prefix}relay`, 'A', 15_000);
        expect(await ours()).toEqual([]);
      });
    });

    it('answers ping while open, and refuses to work once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.append(stream('a'), [event('a0')], 'any')).rejects.toThrow();
      store = await current.open();
    });
  });
}

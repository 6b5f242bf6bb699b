import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import {
  BACKWARDS,
  END,
  START,
  KurrentDBClient,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type CaughtUp,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import { KurrentDbTestServer } from './server';
import { kurrentDbForTests } from './test-url';

/**
 * The real client (appends and subscriptions over @grpc/grpc-js, reads through its native bridge)
 * against the test server, or against a real node with KURRENTDB_TEST_URL. Only the blocks named
 * "test server only" look at the server itself; they are skipped on a real node.
 */

const onTestServer = !process.env.KURRENTDB_TEST_URL;
const describeTestServerOnly = onTestServer ? describe : describe.skip;

let db: Awaited<ReturnType<typeof kurrentDbForTests>>;
let client: KurrentDBClient;

beforeAll(async () => {
  db = await kurrentDbForTests();
  client = KurrentDBClient.connectionString(db.url);
});

afterAll(async () => {
  await client.dispose();
  await db.close();
});

const unique = (name: string) => `${name}-${randomUUID()}`;
const event = (type: string, data: Record<string, unknown> = {}, id?: string) => jsonEvent({ type, data, ...(id ? { id } : {}) });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const revisions = (events: ResolvedEvent[]) => events.map((e) => e.event?.revision);

async function positionOf(stream: string, revision = 0n): Promise<Position> {
  const [found] = await collect(client.readStream(stream, { fromRevision: revision, maxCount: 1 }));
  return found.event!.position!;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a subscription delivered so far. */
function watch(subscription: ReturnType<KurrentDBClient['subscribeToAll']> | ReturnType<KurrentDBClient['subscribeToStream']>) {
  const seen = { events: [] as ResolvedEvent[], caughtUp: [] as CaughtUp[], errors: [] as Error[] };
  subscription.on('data', (resolved: ResolvedEvent) => seen.events.push(resolved));
  subscription.on('caughtUp', (info: CaughtUp) => seen.caughtUp.push(info));
  subscription.on('error', (error: Error) => seen.errors.push(error));
  return seen;
}

describe('appends', () => {
  it('honours each kind of expected revision and reports a mismatch as WrongExpectedVersionError', async () => {
    const stream = unique('order');
    expect(await client.appendToStream(stream, event('Placed'), { streamState: 'no_stream' })).toMatchObject({
      success: true,
      nextExpectedRevision: 0n,
    });
    expect(await client.appendToStream(stream, event('Paid'), { streamState: 'stream_exists' })).toMatchObject({
      nextExpectedRevision: 1n,
    });
    expect(await client.appendToStream(stream, event('Packed'), { streamState: 1n })).toMatchObject({ nextExpectedRevision: 2n });
    const last = await client.appendToStream(stream, [event('Shipped'), event('Delivered')], { streamState: 'any' });
    expect(last.nextExpectedRevision).toBe(4n);
    expect(last.position!.commit).toBeGreaterThan(0n);

    await expect(client.appendToStream(stream, event('Again'), { streamState: 'no_stream' })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: stream,
      expectedState: 'no_stream',
      actualState: 4n,
    });
    await expect(client.appendToStream(stream, event('Late'), { streamState: 2n })).rejects.toMatchObject({
      expectedState: 2n,
      actualState: 4n,
    });
    await expect(client.appendToStream(unique('missing'), event('X'), { streamState: 'stream_exists' })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expectedState: 'stream_exists',
      actualState: 'no_stream',
    });
    expect(revisions(await collect(client.readStream(stream)))).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('takes the same path through Streams.Append, which the client uses for calls with their own credentials', async () => {
    const stream = unique('credentials');
    const credentials = { username: 'admin', password: 'changeit' };
    expect(await client.appendToStream(stream, event('A'), { streamState: 'no_stream', credentials })).toMatchObject({
      nextExpectedRevision: 0n,
    });
    await expect(client.appendToStream(stream, event('B'), { streamState: 5n, credentials })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      expectedState: 5n,
      actualState: 0n,
    });
  });

  it('is idempotent: the same event ids again write nothing and answer the original revision', async () => {
    const stream = unique('idempotent');
    const batch = [event('A', {}, randomUUID()), event('B', {}, randomUUID())];
    expect(await client.appendToStream(stream, batch, { streamState: 'no_stream' })).toMatchObject({ nextExpectedRevision: 1n });
    expect(await client.appendToStream(stream, batch, { streamState: 'no_stream' })).toMatchObject({
      success: true,
      nextExpectedRevision: 1n,
    });

    const third = event('C', {}, randomUUID());
    expect(await client.appendToStream(stream, third, { streamState: 'any' })).toMatchObject({ nextExpectedRevision: 2n });
    expect(await client.appendToStream(stream, third, { streamState: 'any' })).toMatchObject({ nextExpectedRevision: 2n });
    expect(await client.appendToStream(stream, batch, { streamState: 'any' })).toMatchObject({ nextExpectedRevision: 1n });
    expect(await client.appendToStream(stream, batch[1], { streamState: 0n })).toMatchObject({ nextExpectedRevision: 1n });

    // Ids that only partly repeat a write are not a retry but a conflict.
    await expect(client.appendToStream(stream, [third, event('D')], { streamState: 'any' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(client.appendToStream(stream, [batch[0], event('D')], { streamState: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect((await collect(client.readStream(stream))).map((e) => e.event?.type)).toEqual(['A', 'B', 'C']);
  });
});

describe('reading a stream', () => {
  const stream = unique('reading');

  beforeAll(async () => {
    await client.appendToStream(
      stream,
      [0, 1, 2, 3, 4].map((n) => jsonEvent({ type: `E${n}`, data: { n }, metadata: { by: 'test' } })),
    );
  });

  it('reads forwards and backwards, from the ends or from a revision (inclusive), up to a count', async () => {
    const all = await collect(client.readStream(stream));
    expect(revisions(all)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(all[3].event).toMatchObject({ streamId: stream, type: 'E3', data: { n: 3 }, metadata: { by: 'test' }, isJson: true });
    expect(Math.abs(all[3].event!.created.getTime() - Date.now())).toBeLessThan(60_000);
    expect(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })))).toEqual([4n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: 2n, maxCount: 2 })))).toEqual([2n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { direction: BACKWARDS, fromRevision: 2n })))).toEqual([2n, 1n, 0n]);
  });

  it('reads backwards from END and forwards from START whatever the direction says (the client bridge decides)', async () => {
    expect(revisions(await collect(client.readStream(stream, { fromRevision: END, maxCount: 2 })))).toEqual([4n, 3n]);
    expect(revisions(await collect(client.readStream(stream, { fromRevision: START, direction: BACKWARDS, maxCount: 2 })))).toEqual([
      0n,
      1n,
    ]);
  });

  it('reports a stream that was never written as StreamNotFoundError', async () => {
    await expect(collect(client.readStream(unique('never')))).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});

describe('reading $all', () => {
  const prefix = unique('all');

  beforeAll(async () => {
    await client.appendToStream(`${prefix}-a`, [event('First'), event('Second')]);
    await client.appendToStream(unique('elsewhere'), event('Unrelated'));
    await client.appendToStream(`${prefix}-b`, event('Third'));
  });

  it('returns the global log in order, with strictly increasing positions, system events included', async () => {
    const all = await collect(client.readAll());
    const positions = all.map((e) => e.event!.position!.commit);
    expect(positions.every((position, i) => i === 0 || position > positions[i - 1])).toBe(true);
    expect(all.some((e) => e.event!.type.startsWith('$'))).toBe(true);
    const ours = all.filter((e) => e.event!.streamId.startsWith(prefix)).map((e) => e.event!.type);
    expect(ours).toEqual(['First', 'Second', 'Third']);
  });

  it('reads forwards from a position (inclusive) and backwards from the end', async () => {
    const second = await positionOf(`${prefix}-a`, 1n);
    const [atSecond] = await collect(client.readAll({ fromPosition: second, maxCount: 1 }));
    expect(atSecond.event).toMatchObject({ streamId: `${prefix}-a`, type: 'Second', position: second });
    const lastTwo = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
    expect(lastTwo[0].event!.position!.commit).toBeGreaterThan(lastTwo[1].event!.position!.commit);
  });

  it('filters on the server by stream name prefix, event type regex, and without system events', async () => {
    const byPrefix = await collect(client.readAll({ filter: streamNameFilter({ prefixes: [prefix] }) }));
    expect(byPrefix.map((e) => e.event!.type)).toEqual(['First', 'Second', 'Third']);
    const byType = await collect(
      client.readAll({ fromPosition: await positionOf(`${prefix}-a`), filter: eventTypeFilter({ regex: '^(Third|Unrelated)$' }) }),
    );
    expect(byType.map((e) => e.event!.type)).toEqual(['Unrelated', 'Third']);
    const withoutSystem = await collect(client.readAll({ filter: excludeSystemEvents() }));
    expect(withoutSystem.length).toBeGreaterThan(0);
    expect(withoutSystem.filter((e) => e.event!.type.startsWith('$'))).toEqual([]);
  });
});

describe('subscriptions', () => {
  it('to $all from the start: catch-up without system events, caught-up, then live appends', async () => {
    const stream = unique('catch-up');
    await client.appendToStream(stream, event('Before'));
    const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
    const seen = watch(subscription);
    await until(() => seen.caughtUp.length > 0, 'caught up');
    expect(seen.events.some((e) => e.event!.streamId === stream)).toBe(true);
    expect(seen.events.filter((e) => e.event!.type.startsWith('$'))).toEqual([]);
    expect(seen.caughtUp[0].position!.commit).toBeGreaterThanOrEqual((await positionOf(stream)).commit);

    await client.appendToStream(stream, event('After'));
    await until(() => seen.events.some((e) => e.event!.type === 'After'), 'the live event');
    await subscription.unsubscribe();
    expect(seen.errors).toEqual([]);
  });

  it('to $all from a position with a filter: exclusive start, matching live events, checkpoints for the others', async () => {
    const prefix = unique('filtered');
    await client.appendToStream(`${prefix}-1`, [event('One'), event('Two')]);
    const checkpoints: Position[] = [];
    const filter = streamNameFilter({
      prefixes: [prefix],
      maxSearchWindow: 1,
      checkpointInterval: 1,
      checkpointReached: (_, at) => void checkpoints.push(at),
    });
    const subscription = client.subscribeToAll({ fromPosition: await positionOf(`${prefix}-1`), filter });
    const seen = watch(subscription);
    await until(() => seen.caughtUp.length > 0, 'caught up');
    expect(seen.events.map((e) => e.event!.type)).toEqual(['Two']);

    const other = unique('not-matching');
    await client.appendToStream(other, event('Noise'));
    const noise = await positionOf(other);
    await until(() => checkpoints.some((at) => at.commit >= noise.commit), 'a checkpoint past a non-matching event');

    await client.appendToStream(`${prefix}-2`, event('Three'));
    await until(() => seen.events.length === 2, 'the live event');
    expect(seen.events.map((e) => [e.event!.streamId, e.event!.type])).toEqual([
      [`${prefix}-1`, 'Two'],
      [`${prefix}-2`, 'Three'],
    ]);
    await subscription.unsubscribe();
  });

  it('to a stream: catch-up from the start, caught-up at its revision, then live; from the end only live', async () => {
    const stream = unique('stream-sub');
    await client.appendToStream(stream, [event('A'), event('B')]);
    const fromStart = client.subscribeToStream(stream, { fromRevision: START });
    const fromEnd = client.subscribeToStream(stream, { fromRevision: END });
    const seenFromStart = watch(fromStart);
    const seenFromEnd = watch(fromEnd);
    await until(() => seenFromStart.caughtUp.length > 0 && seenFromEnd.caughtUp.length > 0, 'both caught up');
    expect(revisions(seenFromStart.events)).toEqual([0n, 1n]);
    expect(seenFromStart.caughtUp[0].revision).toBe(1n);

    await client.appendToStream(stream, event('C'), { streamState: 1n });
    await until(() => seenFromStart.events.length === 3 && seenFromEnd.events.length === 1, 'the live event on both');
    expect(revisions(seenFromEnd.events)).toEqual([2n]);
    await Promise.all([fromStart.unsubscribe(), fromEnd.unsubscribe()]);
  });
});

describe('connection strings', () => {
  // Several hosts, or +discover, make the client ask a node's gossip for the leader; an insecure node ignores credentials.
  it.each([
    ['several hosts (one of them down)', (url: string) => url.replace('kurrentdb://', 'kurrentdb://127.0.0.1:1,')],
    ['dns discovery', (url: string) => url.replace('kurrentdb://', 'kurrentdb+discover://')],
    ['basic credentials', (url: string) => url.replace('kurrentdb://', 'kurrentdb://admin:changeit@')],
  ])('%s', async (_, connectionString) => {
    const discovering = KurrentDBClient.connectionString(connectionString(db.url));
    const stream = unique('discovery');
    try {
      await discovering.appendToStream(stream, event('Found'));
      expect((await collect(discovering.readStream(stream))).map((e) => e.event!.type)).toEqual(['Found']);
    } finally {
      await discovering.dispose();
    }
  });
});

/**
 * During an outage the client rejects with UnavailableError, except when the failure happens while
 * it re-fetches the server's features after a reconnection: that raw gRPC error (code 14) it passes on.
 */
const isUnavailable = (error: unknown) => error instanceof UnavailableError || (error as { code?: unknown }).code === status.UNAVAILABLE;

describeTestServerOnly('test server only: the node goes away and comes back', () => {
  let server: KurrentDbTestServer;
  let ownClient: KurrentDBClient;

  beforeEach(async () => {
    server = await KurrentDbTestServer.start();
    ownClient = KurrentDBClient.connectionString(server.url);
  });

  afterEach(async () => {
    await ownClient.dispose();
    await server.stop();
  });

  it('fails calls and cuts subscriptions with UNAVAILABLE while stopped; the same client works again after restart', async () => {
    const stream = unique('outage');
    await ownClient.appendToStream(stream, event('Before'));
    expect(await collect(ownClient.readStream(stream))).toHaveLength(1);
    const subscription = ownClient.subscribeToStream(stream, { fromRevision: START });
    const seen = watch(subscription);
    await until(() => seen.caughtUp.length > 0, 'caught up');

    await server.stop();
    await until(() => seen.errors.length > 0, 'the subscription to be cut');
    expect(seen.errors[0]).toBeInstanceOf(UnavailableError);
    expect(isUnavailable(await ownClient.appendToStream(stream, event('During')).catch((error: unknown) => error))).toBe(true);
    await expect(collect(ownClient.readStream(stream))).rejects.toBeInstanceOf(UnavailableError);

    await server.restart();
    await ownClient.appendToStream(stream, event('After'), { streamState: 0n });
    expect((await collect(ownClient.readStream(stream))).map((e) => e.event!.type)).toEqual(['Before', 'After']);
    const resubscribed = watch(ownClient.subscribeToStream(stream, { fromRevision: 0n }));
    await until(() => resubscribed.events.length === 1, 'the resubscription');
    expect(server.events.filter((e) => e.streamId === '$epoch-information')).toHaveLength(2);
  });

  // Pins a limitation of the client's native bridge (kurrentdb crate 1.1): its connection task gives up
  // for good when it cannot reach the node on its first read, so that client's reads never recover.
  it('a client whose first read falls in the outage keeps failing its reads after the restart; a new client reads', async () => {
    const stream = unique('first-read-down');
    await ownClient.appendToStream(stream, event('Stored'));
    await server.stop();
    await expect(collect(ownClient.readStream(stream))).rejects.toBeInstanceOf(UnavailableError);

    await server.restart();
    await ownClient.appendToStream(stream, event('Appends recover'));
    await expect(collect(ownClient.readStream(stream))).rejects.toBeInstanceOf(UnavailableError);
    const fresh = KurrentDBClient.connectionString(server.url);
    try {
      expect(await collect(fresh.readStream(stream))).toHaveLength(2);
    } finally {
      await fresh.dispose();
    }
  });
});

describeTestServerOnly('test server only: what it stores and what it refuses', () => {
  it('starts its log with system events, as a node does, and keeps positions as byte offsets with gaps', () => {
    const events = db.server!.events;
    expect(events[0]).toMatchObject({ streamId: '$epoch-information', type: '$epoch-information' });
    expect(events.some((e) => e.type === '$ProjectionsInitialized')).toBe(true);
    expect(events[1].position - events[0].position).toBeGreaterThan(1n);
  });

  it('stores a repeated write once', async () => {
    const stream = unique('stored-once');
    const once = event('Once', {}, randomUUID());
    await client.appendToStream(stream, once, { streamState: 'no_stream' });
    await client.appendToStream(stream, once, { streamState: 'no_stream' });
    expect(db.server!.events.filter((e) => e.id === once.id)).toHaveLength(1);
  });

  it('soft-deletes a stream: reads find nothing, a wrong expected revision is refused, writing again continues its revisions', async () => {
    const stream = unique('soft-delete');
    await client.appendToStream(stream, [event('A'), event('B')], { streamState: 'no_stream' });
    await expect(client.deleteStream(stream, { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await client.deleteStream(stream, { expectedRevision: 1n });
    await expect(collect(client.readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
    await client.appendToStream(stream, event('C'), { streamState: 1n });
    expect((await collect(client.readStream(stream))).map((e) => [e.event?.type, e.event?.revision])).toEqual([['C', 2n]]);
  });

  it('answers what it does not implement with UNIMPLEMENTED and advertises no v2 protocol', async () => {
    await expect(client.tombstoneStream(unique('tombstone'))).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    await expect(
      client.multiStreamAppend([{ streamName: unique('multi'), expectedState: 'any', events: [event('A')] }]),
    ).rejects.toMatchObject({
      feature: 'multiStreamAppend',
    });
  });
});

import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  START,
  streamNameFilter,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type KurrentDBClient,
  type ResolvedEvent,
  type AllStreamSubscription,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  StoreUnavailable,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Lease,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type WriteFailure,
} from '../event-store.port';
import { chainHash, GENESIS_HASH } from '../hash-chain';
import { KurrentConnection } from './connection';
import { asStoreError } from './kurrentdb-errors';
import { fromResolved, toEventData } from './stored-events';

export interface KurrentDbEventStoreOptions {
  /** A KurrentDB connection string: `kurrentdb://host:2113?tls=false`, several hosts, or `kurrentdb+discover://`. */
  url: string;
  /** Source of `recordedAt` and of lease times; the application passes its clock. */
  now?: () => Date;
  /**
   * Prefixed to every stream this store writes in KurrentDB (and stripped when reading), so that the
   * product's log is only its own streams of a cluster other applications may share.
   */
  streamPrefix?: string;
  onListenerError?: (error: unknown) => void;
}

const LEASE_PREFIX = 'lease-';
/** Streams of data keys (`KurrentDbKeyStore` in the application): beside the log, never part of it. */
export const KEYS_PREFIX = 'keys-';
export const DEFAULT_STREAM_PREFIX = 'ouvidoria-';
/** A racing writer under `any` makes the append read the head again; this many times at most. */
const ANY_ATTEMPTS = 10;
const RESUBSCRIBE_MS = 1000;

/** At most `size` (stream, revision) → hash facts, the oldest forgotten first. */
class KnownHashes {
  private readonly map = new Map<string, string>();
  constructor(private readonly size: number) {}
  of(streamId: string, revision: bigint): string | undefined {
    return this.map.get(`${revision}:${streamId}`);
  }
  remember(streamId: string, revision: bigint, hash: string): void {
    const key = `${revision}:${streamId}`;
    this.map.delete(key);
    this.map.set(key, hash);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
  }
}

/**
 * The event store on KurrentDB (EventStoreDB): one KurrentDB stream per stream, positions the
 * commit positions of `$all`. The hash chain is computed here at append, as in the embedded store,
 * and kept in each event's metadata; so an append chains onto the stream's head and appends with
 * that exact revision: the head is read first, unless its hash is already known (the caller just
 * read or wrote it) or there is none (`no_stream`). Appends by any instance reach this one's listeners through a catch-up
 * subscription to `$all`, filtered on the server.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly connection: KurrentConnection;
  private readonly now: () => Date;
  private readonly onListenerError: (error: unknown) => void;
  private readonly appended = new EventEmitter();
  private subscription?: AllStreamSubscription;
  private resubscribeTimer?: NodeJS.Timeout;
  private failure: WriteFailure | null = null;
  private closed = false;
  private readonly prefix: string;
  /**
   * The part of `$all` that is this product's log: its own streams, not the lease streams, which
   * are renewed every few seconds and are no part of what is audited.
   */
  private readonly ourStreams: string;
  /** Hashes of events this process read or wrote: a stored event never changes, so they never go stale. */
  private readonly hashes = new KnownHashes(10_000);

  constructor(options: KurrentDbEventStoreOptions) {
    this.prefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
    this.ourStreams = `^${this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!${LEASE_PREFIX}|${KEYS_PREFIX})`;
    this.connection = new KurrentConnection(options.url);
    this.now = options.now ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? ((error) => console.error('onAppended listener failed:', error));
    this.appended.setMaxListeners(0);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.connection.use((client) => this.appendWith(client, streamId, events, expected));
      this.failure = null;
      return result;
    } catch (caught) {
      const error = asStoreError(caught);
      if (error instanceof StoreUnavailable) {
        this.failure ??= { reason: error.reason, message: error.message, since: this.now().toISOString() };
      }
      throw error;
    }
  }

  private async appendWith(
    client: KurrentDBClient,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      // The head the caller expects, when this process already knows its hash: no read needed.
      const assumed = attempt === 1 ? this.knownHead(streamId, expected) : undefined;
      const head =
        assumed !== undefined ? assumed : ((await this.read(client, streamId, { direction: 'backwards', maxCount: 1 }))[0] ?? null);
      const actual = head ? head.revision : 'no_stream';
      if (expected !== actual) {
        const replay = await this.alreadyAppended(client, streamId, events, expected, actual);
        if (replay) return replay;
        if (expected !== 'any') throw new WrongExpectedRevision(streamId, expected, actual);
      }
      const recordedAt = this.now().toISOString();
      let revision = head ? head.revision + 1n : 0n;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const recorded = events.map((event): RecordedEvent => {
        const fields = {
          streamId,
          revision: revision++,
          id: event.id,
          type: event.type,
          data: event.data,
          metadata: event.metadata,
          recordedAt,
        };
        prevHash = chainHash(prevHash, fields);
        return { ...fields, position: 0n, hash: prevHash };
      });
      try {
        const result = await client.appendToStream(this.prefix + streamId, recorded.map(toEventData), { streamState: actual });
        const last = recorded[recorded.length - 1];
        this.hashes.remember(streamId, last.revision, last.hash);
        return { nextRevision: result.nextExpectedRevision, position: result.position!.commit };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // The assumed head was not the head: read it, and judge the append again (a repeat, a conflict).
        if (assumed !== undefined) continue;
        // Under `any` the caller does not care who came first: chain onto the new head instead.
        if (expected === 'any' && attempt < ANY_ATTEMPTS) continue;
        const state = error.actualState;
        throw new WrongExpectedRevision(streamId, expected, typeof state === 'bigint' ? state : 'no_stream');
      }
    }
  }

  /**
   * The head an append at `expected` chains onto, if known without a read: none for `no_stream`,
   * the remembered hash of that revision for a revision (`undefined`: read it).
   */
  private knownHead(streamId: string, expected: ExpectedRevision): { revision: bigint; hash: string } | null | undefined {
    if (expected === 'no_stream') return null;
    if (expected === 'any') return undefined;
    const hash = this.hashes.of(streamId, expected);
    return hash === undefined ? undefined : { revision: expected, hash };
  }

  /**
   * Appends events recorded elsewhere exactly as they were (ids, revisions, metadata, recordedAt,
   * hashes), at the revision before the first of them: how a log moves here from another store.
   * A repeat of the same events is a no-op (KurrentDB's idempotent write), so a copy can resume.
   */
  async copyIn(streamId: string, recorded: RecordedEvent[]): Promise<AppendResult> {
    const first = recorded[0].revision;
    return this.guarded(() =>
      this.connection.use(async (client) => {
        const result = await client.appendToStream(this.prefix + streamId, recorded.map(toEventData), {
          streamState: first === 0n ? 'no_stream' : first - 1n,
        });
        return { nextRevision: result.nextExpectedRevision, position: result.position!.commit };
      }),
    );
  }

  /**
   * Re-appending the same event ids at the same expected revision is a no-op success: a client that
   * lost our answer may retry (under `any`, when they are the stream's last events).
   */
  private async alreadyAppended(
    client: KurrentDBClient,
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    actual: bigint | 'no_stream',
  ): Promise<AppendResult | null> {
    if (actual === 'no_stream') return null;
    const stored =
      expected === 'any'
        ? (await this.read(client, streamId, { direction: 'backwards', maxCount: events.length })).reverse()
        : await this.read(client, streamId, { fromRevision: expected === 'no_stream' ? 0n : expected + 1n, maxCount: events.length });
    const same = stored.length === events.length && stored.every((event, i) => event.id === events[i].id);
    if (!same) return null;
    const last = stored[stored.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.guarded(() => this.connection.use((client) => this.read(client, streamId, options)));
  }

  private async read(
    client: KurrentDBClient,
    streamId: string,
    { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const backwards = direction === 'backwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(this.prefix + streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: fromRevision ?? (backwards ? END : START),
        ...(maxCount === undefined ? {} : { maxCount }),
      })) {
        const event = fromResolved(resolved as ResolvedEvent, this.prefix);
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    const newest = backwards ? events[0] : events[events.length - 1];
    if (newest) this.hashes.remember(streamId, newest.revision, newest.hash);
    return events;
  }

  readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.guarded(() =>
      this.connection.use(async (client) => {
        // A position is inclusive in KurrentDB and exclusive here: read one more, drop the one at `after`.
        const events: RecordedEvent[] = [];
        const fromPosition = after === 0n ? START : { commit: after, prepare: after };
        const filter = streamNameFilter({ regex: this.ourStreams });
        for await (const resolved of client.readAll({ fromPosition, maxCount: maxCount + 1, filter })) {
          const event = fromResolved(resolved as AllStreamResolvedEvent, this.prefix);
          if (event.position > after && events.length < maxCount) events.push(event);
        }
        return events;
      }),
    );
  }

  eventAt(position: bigint): Promise<RecordedEvent | null> {
    if (position <= 0n) return Promise.resolve(null);
    return this.guarded(() =>
      this.connection.use(async (client) => {
        const filter = streamNameFilter({ regex: this.ourStreams });
        for await (const resolved of client.readAll({ fromPosition: { commit: position, prepare: position }, maxCount: 1, filter })) {
          const event = fromResolved(resolved as AllStreamResolvedEvent, this.prefix);
          return event.position === position ? event : null;
        }
        return null;
      }),
    );
  }

  onAppended(listener: (position: bigint) => void): () => void {
    this.appended.on('appended', listener);
    this.subscribe();
    return () => this.appended.off('appended', listener);
  }

  /** One catch-up subscription to `$all` from its end, renewed after the node went away. */
  private subscribe(): void {
    if (this.subscription || this.closed || this.resubscribeTimer) return;
    const subscription = this.connection.client.subscribeToAll({ fromPosition: END, filter: streamNameFilter({ regex: this.ourStreams }) });
    this.subscription = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const position = resolved.event?.position?.commit;
      if (position !== undefined) this.notify(position);
    });
    // Lost however it ends: an error, or the end a replaced client's cancellation brings (no error then).
    const lost = () => {
      if (this.subscription !== subscription) return;
      this.subscription = undefined;
      if (this.closed) return;
      this.resubscribeTimer = setTimeout(() => {
        this.resubscribeTimer = undefined;
        this.subscribe();
        // What came while the subscription was down: listeners catch up from their own checkpoints.
        void this.lastPosition().then(
          (position) => position > 0n && this.notify(position),
          () => undefined,
        );
      }, RESUBSCRIBE_MS);
      this.resubscribeTimer.unref();
    };
    subscription.on('error', lost);
    subscription.on('end', lost);
    subscription.on('close', lost);
  }

  private notify(position: bigint): void {
    for (const listener of this.appended.listeners('appended')) {
      try {
        (listener as (position: bigint) => void)(position);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  lastPosition(): Promise<bigint> {
    return this.guarded(() =>
      this.connection.use(async (client) => {
        const filter = streamNameFilter({ regex: this.ourStreams });
        for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter })) {
          return (resolved as AllStreamResolvedEvent).event?.position?.commit ?? 0n;
        }
        return 0n;
      }),
    );
  }

  async countAfter(position: bigint, atMost: number): Promise<number> {
    let count = 0;
    for (let after = position; count < atMost;) {
      const page = await this.readAll({ after, maxCount: Math.min(500, atMost - count) });
      if (page.length === 0) break;
      count += page.length;
      after = page[page.length - 1].position;
    }
    return count;
  }

  async ping(): Promise<void> {
    await this.lastPosition();
  }

  writeFailure(): WriteFailure | null {
    return this.failure && { ...this.failure };
  }

  /**
   * A lease is a stream `lease-<name>` whose last event names the holder and until when; taking it
   * appends with that event's revision as expected revision, so two instances never both take it.
   */
  acquireLease(name: string, holder: string, ttlMs: number, data: Record<string, unknown> = {}): Promise<Lease> {
    const streamId = `${this.prefix}${LEASE_PREFIX}${name}`;
    return this.guarded(() =>
      this.connection.use(async (client) => {
        const now = this.now();
        const [last] = await this.readLeaseStream(client, streamId);
        const current = last?.lease;
        if (current && current.holder !== holder && current.until.getTime() > now.getTime()) return current;
        const lease: Lease = { holder, until: new Date(now.getTime() + ttlMs), data };
        const event = jsonEvent({ id: randomUUID(), type: 'LeaseTaken', data: { holder, until: lease.until.toISOString(), data } });
        try {
          await client.appendToStream(streamId, event, { streamState: last ? last.revision : 'no_stream' });
          return lease;
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          // Another instance took or renewed it meanwhile: its lease stands.
          const [winner] = await this.readLeaseStream(client, streamId);
          return winner!.lease;
        }
      }),
    );
  }

  readLease(name: string): Promise<Lease | null> {
    return this.guarded(() =>
      this.connection.use(async (client) => (await this.readLeaseStream(client, `${this.prefix}${LEASE_PREFIX}${name}`))[0]?.lease ?? null),
    );
  }

  releaseLease(name: string, holder: string, data?: Record<string, unknown>): Promise<void> {
    const streamId = `${this.prefix}${LEASE_PREFIX}${name}`;
    return this.guarded(() =>
      this.connection.use(async (client) => {
        const [last] = await this.readLeaseStream(client, streamId);
        if (!last || last.lease.holder !== holder || last.lease.until.getTime() <= this.now().getTime()) return;
        const event = jsonEvent({
          id: randomUUID(),
          type: 'LeaseTaken',
          data: { holder, until: this.now().toISOString(), data: data ?? last.lease.data },
        });
        await client.appendToStream(streamId, event, { streamState: last.revision }).catch((error: unknown) => {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        });
      }),
    );
  }

  private async readLeaseStream(client: KurrentDBClient, streamId: string): Promise<Array<{ revision: bigint; lease: Lease }>> {
    try {
      for await (const resolved of client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        const event = (resolved as ResolvedEvent).event!;
        const { holder, until, data } = event.data as { holder: string; until: string; data: Record<string, unknown> };
        return [{ revision: event.revision, lease: { holder, until: new Date(until), data } }];
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return [];
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.resubscribeTimer);
    await this.subscription?.unsubscribe().catch(() => undefined);
    await this.connection.close();
  }

  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw asStoreError(error);
    }
  }
}

/**
 * The event store port. Shaped after EventStoreDB so that either adapter fits behind it:
 * revisions are 0-based per stream, positions are global and increase with every event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | bigint;

/** Who caused an event: the authenticated subject and the role it acted in. */
export interface Actor {
  sub: string;
  role: string;
  department?: string;
}

export interface EventMetadata {
  eventId: string;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string;
  [key: string]: unknown;
}

export interface NewEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

export interface RecordedEvent {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  position: bigint;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recordedAt: string;
  /** sha256(previous hash of the stream + canonical event), hex. */
  hash: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: bigint;
  /** Global position of the last event appended. */
  position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events with a greater position are returned. `0n` reads from the start. */
  after: bigint;
  maxCount: number;
  /**
   * A hint: the caller reads on from where this page ends, page after page (a catch-up, a
   * rebuild). A store may read the next pages ahead meanwhile; what it returns is the same.
   */
  sequential?: boolean;
}

export interface ReadStreamOptions {
  /** `forwards` (default) from the first revision, `backwards` from the last. */
  direction?: 'forwards' | 'backwards';
  /** Inclusive: the first revision returned (the last one, backwards). */
  fromRevision?: bigint;
  /** At most this many events; all by default. */
  maxCount?: number;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events in revision order (reversed backwards); empty when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The event at exactly this position of the global log; null when none is there (another log, or none yet). */
  eventAt(position: bigint): Promise<RecordedEvent | null>;
  /**
   * Called after a commit that wrote events, with the position of the last one (one call may
   * cover several appends). Returns the function that stops the notifications.
   */
  onAppended(listener: (position: bigint) => void): () => void;
  /** Position of the last event in the global log; `0n` when the log is empty. */
  lastPosition(): Promise<bigint>;
  /**
   * How many events the log holds after `position`, counted up to `atMost` (positions are not
   * counts: KurrentDB's are byte offsets). For lags, which need no more than an order of size.
   */
  countAfter(position: bigint, atMost: number): Promise<number>;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  /** The failure of the last write when it failed for want of the store itself; null once a write succeeds. */
  writeFailure(): WriteFailure | null;
  /**
   * Takes or renews the lease `name` for `holder` until `ttlMs` from the store's clock, unless
   * another holder's lease is still running; `data` travels with it (e.g. how far the holder got).
   * Answers the lease as it stands afterwards: held by `holder` or by another. Leases live beside
   * the log, never in it.
   */
  acquireLease(name: string, holder: string, ttlMs: number, data?: Record<string, unknown>): Promise<Lease>;
  /** The lease `name` as it stands (possibly run out); null when nobody ever took it. */
  readLease(name: string): Promise<Lease | null>;
  /** Ends `holder`'s lease now, so that another may take it at once (nothing when it holds none). */
  /** Ends the holder's lease now, leaving `data` (or the last data) for the next holder to read. */
  releaseLease(name: string, holder: string, data?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface Lease {
  holder: string;
  /** When it runs out unless renewed. */
  until: Date;
  data: Record<string, unknown>;
}

export const EVENT_STORE = Symbol('EventStore');
/**
 * The log exactly as stored, below any layer that transforms what is read (personal data sealed):
 * what audits read to recompute hashes, and what protocol counters and copies work on. Without
 * such a layer it is the same store as `EVENT_STORE`.
 */
export const STORED_LOG = Symbol('StoredLog');

export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevision';
  }
}

/** An event id may be stored once; re-appending it is only allowed as an exact retry (see append). */
export class DuplicateEventId extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId}: an event id of this batch is already stored elsewhere`);
    this.name = 'DuplicateEventId';
  }
}

/** Why the store cannot serve now, in terms an operator acts on; each passes once the cause is fixed. */
export type UnavailableReason = 'disk_full' | 'io_error' | 'busy' | 'unreachable';

/** The store failed, not the request: the same request may succeed later (507 / 503 with Retry-After). */
export class StoreUnavailable extends Error {
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

export interface WriteFailure {
  reason: UnavailableReason;
  message: string;
  /** When writes started failing (ISO-8601, UTC). */
  since: string;
}

/** A stored event cannot be read back as it was written (its bytes were changed on disk). */
export class DamagedEvent extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly position: bigint,
    detail: string,
  ) {
    super(`the event at position ${position} (stream ${streamId}, revision ${revision}) is damaged: ${detail}`);
    this.name = 'DamagedEvent';
  }
}

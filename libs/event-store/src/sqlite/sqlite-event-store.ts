import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import {
  DamagedEvent,
  DuplicateEventId,
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
import { openDatabase, type SynchronousMode } from './open-database';
import { SqliteDailySequence } from './sqlite-daily-sequence';
import { asStoreError } from './sqlite-errors';
import { SqliteLeases } from './sqlite-leases';

export interface SqliteEventStoreOptions {
  file: string;
  synchronous?: SynchronousMode;
  /** Source of `recordedAt`; the application passes its clock. */
  now?: () => Date;
  /** Where an `onAppended` listener's error goes; defaults to stderr. */
  onListenerError?: (error: unknown) => void;
  /** After each group commit: how many appends it made durable with one fsync (for metrics). */
  onCommit?: (appends: number) => void;
}

interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

interface PendingAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { result: AppendResult; fresh: boolean } | { error: unknown };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
`;

/** The embedded event store: one SQLite file, one row per event, a hash chain per stream. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly synchronous: SynchronousMode;
  private readonly now: () => Date;
  private readonly onListenerError: (error: unknown) => void;
  private readonly onCommit: (appends: number) => void;
  private readonly appended = new EventEmitter();
  private readonly statements;
  private readonly appendInSavepoint;
  private readonly commitBatch;
  private readonly pending: PendingAppend[] = [];
  private failure: WriteFailure | null = null;
  private readonly leases: SqliteLeases;

  constructor(options: SqliteEventStoreOptions) {
    this.synchronous = options.synchronous ?? 'FULL';
    this.db = openDatabase(options.file, this.synchronous);
    this.db.exec(SCHEMA);
    this.now = options.now ?? (() => new Date());
    this.onListenerError = options.onListenerError ?? ((error) => console.error('onAppended listener failed:', error));
    this.onCommit = options.onCommit ?? (() => undefined);
    this.appended.setMaxListeners(0);
    this.statements = {
      head: this.db.prepare<[string], { revision: number; hash: string }>(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      byEventId: this.db.prepare<[string], { stream_id: string; revision: number }>(
        'SELECT stream_id, revision FROM events WHERE event_id = ?',
      ),
      forwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      all: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?'),
      at: this.db.prepare<[number], EventRow>('SELECT * FROM events WHERE position = ?'),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash)
         VALUES (@stream_id, @revision, @event_id, @type, @data, @metadata, @recorded_at, @hash)`,
      ),
      ping: this.db.prepare('SELECT 1'),
      last: this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
      countAfter: this.db.prepare<[number, number], { count: number }>(
        'SELECT count(*) AS count FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)',
      ),
    };
    // Nested inside commitBatch, better-sqlite3 runs this as a savepoint: a refused append rolls back alone.
    this.appendInSavepoint = this.db.transaction(this.appendInTransaction.bind(this));
    this.commitBatch = this.db.transaction(this.appendEach.bind(this));
    this.leases = new SqliteLeases(this.db);
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (!this.db.open) return Promise.reject(new StoreUnavailable('unreachable', 'the event store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Group commit: the appends requested during one turn of the event loop are written in one
   * IMMEDIATE transaction and made durable by one fsync. Each keeps its own expected-revision
   * check inside a savepoint, and none is acknowledged before the commit returns.
   */
  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (caught) {
      const error = this.writeFailed(caught);
      for (const item of batch) item.reject(error);
      return;
    }
    this.failure = null;
    try {
      this.onCommit(batch.length);
    } catch (error) {
      // The batch is committed: a failing observer must not keep its appends from being acknowledged.
      this.onListenerError(error);
    }
    let lastFresh: bigint | null = null;
    for (const [i, item] of batch.entries()) {
      const outcome = outcomes[i];
      if ('error' in outcome) {
        item.reject(this.writeFailed(outcome.error));
        continue;
      }
      item.resolve(outcome.result);
      if (outcome.fresh) lastFresh = outcome.result.position;
    }
    if (lastFresh !== null) this.notify(lastFresh);
  }

  private appendEach(batch: PendingAppend[]): Outcome[] {
    return batch.map(({ streamId, events, expected }) => {
      try {
        return this.appendInSavepoint(streamId, events, expected);
      } catch (error) {
        // SQLite rolls the whole transaction back on errors such as SQLITE_FULL or IOERR: then
        // nothing of the batch may be reported as written, so the whole batch fails.
        if (!this.db.inTransaction) throw error;
        return { error: isDuplicateEventId(error) ? new DuplicateEventId(streamId) : error };
      }
    });
  }

  /** The error as the port names it; a store failure is remembered until a write succeeds. */
  private writeFailed(caught: unknown): unknown {
    const error = asStoreError(caught);
    if (error instanceof StoreUnavailable) {
      this.failure ??= { reason: error.reason, message: error.message, since: this.now().toISOString() };
    }
    return error;
  }

  writeFailure(): WriteFailure | null {
    return this.failure && { ...this.failure };
  }

  /** The write is already committed: a failing listener must not turn it into a failure. */
  private notify(position: bigint): void {
    for (const listener of this.appended.listeners('appended')) {
      try {
        listener(position);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  readStream(streamId: string, { direction = 'forwards', fromRevision, maxCount = -1 }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.safely(() => {
      const rows =
        direction === 'forwards'
          ? this.statements.forwards.all(streamId, Number(fromRevision ?? 0n), maxCount)
          : this.statements.backwards.all(streamId, fromRevision === undefined ? Number.MAX_SAFE_INTEGER : Number(fromRevision), maxCount);
      return rows.map(toRecorded);
    });
  }

  readAll({ after, maxCount }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.safely(() => this.statements.all.all(Number(after), maxCount).map(toRecorded));
  }

  eventAt(position: bigint): Promise<RecordedEvent | null> {
    return this.safely(() => {
      const row = this.statements.at.get(Number(position));
      return row ? toRecorded(row) : null;
    });
  }

  /** Protocol counters kept in this store's file and connection (see SqliteDailySequence). */
  dailySequence(): SqliteDailySequence {
    return new SqliteDailySequence(this.db, this.synchronous, (error) => this.writeFailed(error));
  }

  onAppended(listener: (position: bigint) => void): () => void {
    this.appended.on('appended', listener);
    return () => this.appended.off('appended', listener);
  }

  acquireLease(name: string, holder: string, ttlMs: number, data: Record<string, unknown> = {}): Promise<Lease> {
    return this.safely(() => this.leases.acquire(name, holder, this.now(), ttlMs, data));
  }

  readLease(name: string): Promise<Lease | null> {
    return this.safely(() => this.leases.current(name));
  }

  releaseLease(name: string, holder: string, data?: Record<string, unknown>): Promise<void> {
    return this.safely(() => this.leases.release(name, holder, this.now(), data));
  }

  lastPosition(): Promise<bigint> {
    return this.safely(() => BigInt(this.statements.last.get()!.position ?? 0));
  }

  countAfter(position: bigint, atMost: number): Promise<number> {
    return this.safely(() => this.statements.countAfter.get(Number(position), atMost)!.count);
  }

  ping(): Promise<void> {
    return this.safely(() => void this.statements.ping.get());
  }

  close(): Promise<void> {
    return this.safely(() => {
      if (!this.db.open) return;
      this.flush();
      this.db.close();
    });
  }

  private appendInTransaction(streamId: string, events: NewEvent[], expected: ExpectedRevision) {
    if (events.length === 0) throw new Error('append needs at least one event');
    const replay = this.alreadyAppended(streamId, events, expected);
    if (replay) return { result: replay, fresh: false };

    const head = this.statements.head.get(streamId);
    const actual = head ? BigInt(head.revision) : 'no_stream';
    const matches = expected === 'any' || expected === actual;
    if (!matches) throw new WrongExpectedRevision(streamId, expected, actual);

    let revision = head ? head.revision + 1 : 0;
    let prevHash = head ? head.hash : GENESIS_HASH;
    let position = 0;
    const recordedAt = this.now().toISOString();
    for (const event of events) {
      const fields = {
        streamId,
        revision: BigInt(revision),
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt,
      };
      const hash = chainHash(prevHash, fields);
      const info = this.statements.insert.run({
        stream_id: streamId,
        revision,
        event_id: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
        recorded_at: recordedAt,
        hash,
      });
      position = Number(info.lastInsertRowid);
      prevHash = hash;
      revision++;
    }
    return { result: { nextRevision: BigInt(revision - 1), position: BigInt(position) }, fresh: true };
  }

  /**
   * Re-appending the same event ids at the same expected revision is a no-op success: a client
   * that lost our answer may safely retry.
   */
  private alreadyAppended(streamId: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | null {
    const first = this.statements.byEventId.get(events[0].id);
    if (!first || first.stream_id !== streamId) return null;
    const start = expected === 'no_stream' ? 0 : expected === 'any' ? first.revision : Number(expected) + 1;
    if (first.revision !== start) return null;
    const stored = this.statements.forwards.all(streamId, start, events.length);
    const same = stored.length === events.length && stored.every((row, i) => row.event_id === events[i].id);
    if (!same) return null;
    const last = stored[stored.length - 1];
    return { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  private safely<T>(read: () => T): Promise<T> {
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.reject(asStoreError(error));
    }
  }
}

function isDuplicateEventId(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && Boolean(message?.includes('events.event_id'));
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    id: row.event_id,
    type: row.type,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    data: parseStored(row, 'data'),
    metadata: parseStored(row, 'metadata'),
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}

/** A stored JSON column; bytes changed on disk are reported as the event they damaged. */
function parseStored(row: EventRow, column: 'data' | 'metadata') {
  try {
    return JSON.parse(row[column]);
  } catch {
    throw new DamagedEvent(row.stream_id, BigInt(row.revision), BigInt(row.position), `its ${column} is not valid JSON`);
  }
}

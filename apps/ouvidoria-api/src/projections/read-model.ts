import { erasureOf } from '@app/domain';
import { asSqliteStoreError, type EventStore, type RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from './projection';
import type { ReadModelStorage } from './read-model-storage';

/**
 * One version of a projection's read model: its database and its checkpoint. A batch of events
 * and the checkpoint commit in one transaction, so an event's effect is applied exactly once.
 */
export class ReadModel {
  private checkpointValue: bigint;
  private checkpointEventId: string | null;
  private readonly saveCheckpoint;

  /**
   * Opens a version of a projection's read model. One written by another schema version of the
   * projection is removed first: it is rebuilt from the log, as a new read model would be.
   */
  static open(storage: ReadModelStorage, projection: Projection, version: number): ReadModel {
    let db = storage.open(projection.name, version);
    if (writtenByAnotherSchema(db, projection)) {
      db.close();
      storage.remove(projection.name, version);
      db = storage.open(projection.name, version);
    }
    try {
      return new ReadModel(projection, version, db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    readonly projection: Projection,
    readonly version: number,
    readonly db: Database.Database,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL, event_id TEXT)');
    const columns = db.pragma('table_info(projection_checkpoints)') as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'event_id')) db.exec('ALTER TABLE projection_checkpoints ADD COLUMN event_id TEXT');
    this.saveCheckpoint = db.prepare<[string, number, string]>(
      `INSERT INTO projection_checkpoints (name, position, event_id) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, event_id = excluded.event_id`,
    );
    projection.migrate(db);
    db.pragma(`user_version = ${projection.schemaVersion}`);
    const stored = db
      .prepare<[string], { position: number; event_id: string | null }>(
        'SELECT position, event_id FROM projection_checkpoints WHERE name = ?',
      )
      .get(projection.name);
    this.checkpointValue = BigInt(stored?.position ?? 0);
    this.checkpointEventId = stored?.event_id ?? null;
  }

  /**
   * Whether the log holds, at the checkpoint, the event this read model last applied. Not so when
   * the read model was built from another log: the embedded one before `store:copy`, another
   * cluster, a log restored from an older backup. Its positions mean nothing in this one.
   */
  async follows(store: EventStore): Promise<boolean> {
    // A checkpoint written before checkpoints named their event is trusted; the next batch names it.
    if (this.checkpointValue === 0n || this.checkpointEventId === null) return true;
    const there = await store.eventAt(this.checkpointValue);
    return there !== null && there.id === this.checkpointEventId;
  }

  get name(): string {
    return this.projection.name;
  }

  /** Position of the last event applied. */
  get checkpoint(): bigint {
    return this.checkpointValue;
  }

  /** Applies the next batch of the log after the checkpoint; how many events, 0 when caught up. */
  async applyNext(store: Pick<EventStore, 'readAll'>, batch: number): Promise<number> {
    const events = await store.readAll({ after: this.checkpoint, maxCount: batch, sequential: true });
    this.apply(events);
    return events.length;
  }

  /** Applies the events and moves the checkpoint to the last one, all or nothing. */
  apply(events: RecordedEvent[]): void {
    if (events.length === 0) return;
    const last = events[events.length - 1];
    try {
      this.db.transaction(() => {
        for (const event of events) this.projection.apply(this.db, event);
        this.saveCheckpoint.run(this.projection.name, Number(last.position), last.id);
      })();
    } catch (error) {
      // A full disk or a failing file is the read model's storage failing (StoreUnavailable), not a bug.
      throw asSqliteStoreError(error);
    }
    this.checkpointValue = last.position;
    this.checkpointEventId = last.id;
    // An erasure's old values are still in the write-ahead log's pages until it is checkpointed and truncated.
    if (events.some((event) => erasureOf(event))) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** A file with tables of another schema version (0: written before versions were kept); a new file has none. */
function writtenByAnotherSchema(db: Database.Database, projection: Projection): boolean {
  if (db.pragma('user_version', { simple: true }) === projection.schemaVersion) return false;
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
}

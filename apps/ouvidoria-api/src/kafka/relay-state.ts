import type Database from 'better-sqlite3';
import type { RelayManifestation, RelayManifestations } from './outbound-messages';

/**
 * The relay's checkpoint and its memory of manifestations, in their own SQLite file. A batch's changes
 * and the new checkpoint commit only once the broker has acknowledged the batch's messages.
 */
export class RelayState implements RelayManifestations {
  private readonly statements;
  /** Set when a batch erased a case: once it commits, the write-ahead log is truncated. */
  private erasedInBatch = false;

  constructor(readonly db: Database.Database) {
    // Erased values are overwritten in the file, not merely unlinked from it.
    db.pragma('secure_delete = ON');
    // The relay's memory of manifestations was first kept under another name: moved, not forgotten
    // (forgetting it would leave department topics without the forwardings of older manifestations).
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'relay_cases'").get()) {
      db.exec('ALTER TABLE relay_cases RENAME TO relay_manifestations');
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS relay_checkpoint (
        id       INTEGER PRIMARY KEY CHECK (id = 1),
        position INTEGER NOT NULL,
        event_id TEXT    NOT NULL
      );
      CREATE TABLE IF NOT EXISTS relay_manifestations (protocol TEXT PRIMARY KEY, facts TEXT NOT NULL);
    `);
    this.statements = {
      checkpoint: db.prepare<[], { position: number; event_id: string }>('SELECT position, event_id FROM relay_checkpoint WHERE id = 1'),
      saveCheckpoint: db.prepare<[number, string]>(
        `INSERT INTO relay_checkpoint (id, position, event_id) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, event_id = excluded.event_id`,
      ),
      get: db.prepare<[string], { facts: string }>('SELECT facts FROM relay_manifestations WHERE protocol = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO relay_manifestations (protocol, facts) VALUES (?, ?) ON CONFLICT (protocol) DO UPDATE SET facts = excluded.facts',
      ),
    };
  }

  /** Position of the last event whose messages the broker acknowledged. */
  checkpoint(): bigint {
    return BigInt(this.statements.checkpoint.get()?.position ?? 0);
  }

  /** The id of that event: a log restored without this file would have another one there. */
  checkpointEventId(): string | undefined {
    return this.statements.checkpoint.get()?.event_id;
  }

  get(protocol: string): RelayManifestation | undefined {
    const row = this.statements.get.get(protocol);
    return row ? (JSON.parse(row.facts) as RelayManifestation) : undefined;
  }

  put(protocol: string, facts: RelayManifestation): void {
    this.statements.put.run(protocol, JSON.stringify(facts));
  }

  erase(protocol: string, facts: RelayManifestation): void {
    this.put(protocol, facts);
    this.erasedInBatch = true;
  }

  /**
   * Opens a transaction for one batch: `prepare` computes the messages (recording what it learns
   * of manifestations) and the position they reach, `deliver` sends them; the changes and that position
   * commit only if `deliver` resolves, otherwise nothing of the batch remains and it is computed
   * again next time.
   */
  async inBatch<T extends { position: bigint; eventId: string }>(
    prepare: () => T,
    deliver: (prepared: T) => Promise<void>,
  ): Promise<bigint> {
    this.db.exec('BEGIN IMMEDIATE');
    this.erasedInBatch = false;
    try {
      const prepared = prepare();
      await deliver(prepared);
      this.statements.saveCheckpoint.run(Number(prepared.position), prepared.eventId);
      this.db.exec('COMMIT');
      // The old values' pages are still in the write-ahead log until it is checkpointed and truncated.
      if (this.erasedInBatch) this.db.pragma('wal_checkpoint(TRUNCATE)');
      return prepared.position;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

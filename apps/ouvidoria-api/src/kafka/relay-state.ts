import type Database from 'better-sqlite3';
import type { RelayCase, RelayCases } from './outbound-messages';

/**
 * The relay's checkpoint and its memory of cases, in their own SQLite file. A batch's changes
 * and the new checkpoint commit only once the broker has acknowledged the batch's messages.
 */
export class RelayState implements RelayCases {
  private readonly statements;

  constructor(readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS relay_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS relay_cases (protocol TEXT PRIMARY KEY, facts TEXT NOT NULL);
    `);
    this.statements = {
      checkpoint: db.prepare<[], { position: number }>('SELECT position FROM relay_checkpoint WHERE id = 1'),
      saveCheckpoint: db.prepare<[number]>(
        'INSERT INTO relay_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
      get: db.prepare<[string], { facts: string }>('SELECT facts FROM relay_cases WHERE protocol = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO relay_cases (protocol, facts) VALUES (?, ?) ON CONFLICT (protocol) DO UPDATE SET facts = excluded.facts',
      ),
    };
  }

  /** Position of the last event whose messages the broker acknowledged. */
  checkpoint(): bigint {
    return BigInt(this.statements.checkpoint.get()?.position ?? 0);
  }

  get(protocol: string): RelayCase | undefined {
    const row = this.statements.get.get(protocol);
    return row ? (JSON.parse(row.facts) as RelayCase) : undefined;
  }

  put(protocol: string, facts: RelayCase): void {
    this.statements.put.run(protocol, JSON.stringify(facts));
  }

  /**
   * Opens a transaction for one batch: `prepare` computes the messages (recording what it learns
   * of cases), `deliver` sends them; the changes and `position` commit only if `deliver`
   * resolves, otherwise nothing of the batch remains and it is computed again next time.
   */
  async inBatch<T>(position: bigint, prepare: () => T, deliver: (prepared: T) => Promise<void>): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      await deliver(prepare());
      this.statements.saveCheckpoint.run(Number(position));
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

import type Database from 'better-sqlite3';
import { openDatabase, type EventStore } from '@app/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATA_KEY_BYTES, isSealed, open, seal } from './field-cipher';
import type { DataKey, KeyStore } from './key-store';
import type { PersonalDataMarker } from './personal-data-marker';

/** How many opened keys are kept in memory. */
const REMEMBERED = 10_000;
/** How many keys are made, and made durable, at once: a new subject then costs no fsync of its own. */
export const POOLED_KEYS = 128;
/** 1: keys made ahead in a pool (`subject` null until handed out) and the recovery point. */
const SCHEMA_VERSION = 1;
const PAGE = 500;
/** How often the recovery point is moved to the log's end: a start after a crash reads at most this much of the log. */
const RECOVERY_POINT_EVERY_MS = 60_000;

interface KeyRow {
  id: string;
  key: string;
}

/** What the key store needs of the log: where it ends, and the subjects and key ids its events name. */
export type SealedLog = Pick<EventStore, 'lastPosition' | 'readAll'>;

/**
 * Data keys in a SQLite file of their own (`DATA_DIR/keys.sqlite`). Keys are made ahead, in pools
 * of `POOLED_KEYS` committed with `synchronous=FULL`: a key is durable before any value is sealed
 * with it. Handing one to a new subject is a commit without fsync; if a power loss takes that
 * assignment away, the sealed event itself still names its subject and key (its
 * `PersonalDataMarker`, durable in the log), and opening the store gives the keys back to their
 * subjects from the events appended since the last durable commit (`recover_after`). So a
 * subject's keys are always found by subject, for destruction above all.
 *
 * With a key-encryption key (`KEY_ENCRYPTION_KEY`) every data key is stored sealed with it, so the
 * file alone reveals nothing. Destroying a subject's keys deletes their rows with `secure_delete`
 * (freed pages are zeroed) and truncates the write-ahead log, so no copy of them stays in the file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** Keys opened lately, by id, with their subject: a rebuild or a returning subject reads each once. */
  private readonly remembered = new Map<string, { subject: string; key: Buffer }>();
  /** Subject → its key's id, for the keys remembered. */
  private readonly idOf = new Map<string, string>();
  private readonly moveRecoveryPoint: NodeJS.Timeout;
  private recoveryPoint = -1n;
  /** A new file, or one just brought from version 0: every key in it was committed with an fsync; nothing to give back. */
  private readonly created: boolean;
  /** The pool being made, shared by the new subjects that wait for it. */
  private refilling: Promise<void> | null = null;

  /** Opens the key file and gives back to their subjects the keys that events name but the file lost. */
  static async open(file: string, log: SealedLog, keyEncryptionKey?: Buffer): Promise<SqliteKeyStore> {
    const store = new SqliteKeyStore(file, log, keyEncryptionKey);
    try {
      await store.recover();
      return store;
    } catch (error) {
      // The error that made it fail is the one to tell, not one of closing after it.
      await store.close().catch(() => undefined);
      throw error;
    }
  }

  private constructor(
    file: string,
    private readonly log: SealedLog,
    private readonly keyEncryptionKey?: Buffer,
  ) {
    this.db = openDatabase(file, 'NORMAL');
    this.db.pragma('secure_delete = ON');
    this.created = migrate(this.db);
    this.statements = {
      handOut: this.db.prepare<[string], KeyRow>(
        'UPDATE data_keys SET subject = ? WHERE rowid = (SELECT rowid FROM data_keys WHERE subject IS NULL LIMIT 1) RETURNING id, key',
      ),
      pool: this.db.prepare('INSERT INTO data_keys (id, subject, key) VALUES (?, NULL, ?)'),
      bySubject: this.db.prepare<[string], KeyRow>('SELECT id, key FROM data_keys WHERE subject = ? ORDER BY rowid DESC LIMIT 1'),
      byId: this.db.prepare<[string], KeyRow>('SELECT id, key FROM data_keys WHERE id = ?'),
      giveBack: this.db.prepare('UPDATE data_keys SET subject = ? WHERE id = ? AND subject IS NULL'),
      destroy: this.db.prepare('DELETE FROM data_keys WHERE subject = ?'),
      idsOf: this.db.prepare<[string], { id: string }>('SELECT id FROM data_keys WHERE subject = ?'),
      recoverAfter: this.db.prepare<[], { recover_after: string }>('SELECT recover_after FROM key_store_state'),
      setRecoverAfter: this.db.prepare('UPDATE key_store_state SET recover_after = ?'),
    };
    // Disk full or the log unavailable: the next round tries again.
    this.moveRecoveryPoint = setInterval(() => void this.durably().catch(() => undefined), RECOVERY_POINT_EVERY_MS).unref();
  }

  async keyFor(subject: string): Promise<DataKey> {
    const known = this.idOf.get(subject);
    if (known) return { id: known, key: this.remembered.get(known)!.key };
    // A returning subject costs one read; a new one a commit without fsync (the pool is durable).
    for (;;) {
      const row = this.statements.bySubject.get(subject) ?? this.statements.handOut.get(subject);
      if (row) return { id: row.id, key: this.remember(subject, row) };
      this.refilling ??= this.refill().finally(() => (this.refilling = null));
      await this.refilling;
    }
  }

  key(subject: string, id: string): Promise<Buffer | null> {
    const known = this.remembered.get(id);
    if (known) return Promise.resolve(known.key);
    const row = this.statements.byId.get(id);
    return Promise.resolve(row ? this.remember(subject, row) : null);
  }

  async destroy(subject: string): Promise<number> {
    let changes = 0;
    // Forgotten in the same synchronous step as the delete: a read while the commit waits cannot bring a key back.
    await this.durably(() => {
      this.forget(subject);
      for (const { id } of this.statements.idsOf.all(subject)) this.remembered.delete(id);
      changes = this.statements.destroy.run(subject).changes;
    });
    if (changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changes;
  }

  /** Another process (`retention:run`) destroyed the subject's keys: none of them may be used from memory. */
  forget(subject: string): void {
    const id = this.idOf.get(subject);
    this.idOf.delete(subject);
    if (id) this.remembered.delete(id);
    for (const [keyId, { subject: of }] of this.remembered) if (of === subject) this.remembered.delete(keyId);
  }

  /** Every key handed out, as stored (sealed when a key-encryption key is configured), to copy them elsewhere. */
  *all(): Generator<{ subject: string } & DataKey> {
    const rows = this.db.prepare<[], KeyRow & { subject: string }>('SELECT id, subject, key FROM data_keys WHERE subject IS NOT NULL');
    for (const row of rows.iterate()) yield { subject: row.subject, id: row.id, key: this.unwrap(row) };
  }

  /** Closes the file, after a last durable commit (the next start then recovers nothing); the log must still be open. */
  async close(): Promise<void> {
    clearInterval(this.moveRecoveryPoint);
    if (!this.db.open) return;
    try {
      await this.durably();
    } finally {
      this.db.close();
    }
  }

  /** Keys named by events after the recovery point and found without their subject are given back to it. */
  private async recover(): Promise<void> {
    let after = BigInt(this.statements.recoverAfter.get()!.recover_after);
    const logEnd = await this.log.lastPosition();
    while (!this.created && after < logEnd) {
      const page = await this.log.readAll({ after, maxCount: PAGE });
      if (page.length === 0) break;
      this.db.transaction(() => {
        for (const event of page) {
          const marker = event.metadata.personalData as PersonalDataMarker | undefined;
          if (marker) this.statements.giveBack.run(marker.subject, marker.keyId);
        }
      })();
      after = page[page.length - 1].position;
    }
    // Always (the first commit of this process): a point left beyond the log's end (a log restored
    // older than this file) would not cover what comes next.
    await this.durably();
  }

  private async refill(): Promise<void> {
    const made = Array.from({ length: POOLED_KEYS }, () => {
      const id = randomUUID();
      return { id, key: this.stored(id, randomBytes(DATA_KEY_BYTES)) };
    });
    await this.durably(() => {
      for (const { id, key } of made) this.statements.pool.run(id, key);
    });
  }

  /**
   * Runs `change` in a transaction committed with an fsync, which makes every earlier hand-out
   * durable too; the recovery point moves to where the log ended before it (an event at or
   * before that position was appended after its key was handed out, so before this commit).
   */
  private async durably(change?: () => void): Promise<void> {
    const logEnd = await this.log.lastPosition();
    if (!change && logEnd === this.recoveryPoint) return;
    this.db.pragma('synchronous = FULL');
    try {
      this.db.transaction(() => {
        change?.();
        this.statements.setRecoverAfter.run(String(logEnd));
      })();
      this.recoveryPoint = logEnd;
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  private remember(subject: string, row: KeyRow): Buffer {
    const key = this.unwrap(row);
    this.remembered.set(row.id, { subject, key });
    this.idOf.set(subject, row.id);
    if (this.remembered.size > REMEMBERED) {
      const [oldest, { subject: of }] = this.remembered.entries().next().value!;
      this.remembered.delete(oldest);
      if (this.idOf.get(of) === oldest) this.idOf.delete(of);
    }
    return key;
  }

  private stored(id: string, key: Buffer): string {
    return this.keyEncryptionKey ? seal(this.keyEncryptionKey, `data-key\n${id}`, key.toString('base64')) : key.toString('base64');
  }

  /** A key stored sealed is opened with the key-encryption key; one stored before a KEK was configured is read as it is. */
  private unwrap(row: KeyRow): Buffer {
    if (!isSealed(row.key)) return Buffer.from(row.key, 'base64');
    if (!this.keyEncryptionKey) throw new Error('the data keys are sealed with a key-encryption key: set KEY_ENCRYPTION_KEY');
    return Buffer.from(open(this.keyEncryptionKey, `data-key\n${row.id}`, row.key), 'base64');
  }
}

/**
 * Creates the tables, or brings a file of keys made one at a time (version 0) to the pooled layout;
 * whether it did (in one immediate transaction: a process opening the file beside does it once).
 */
function migrate(db: Database.Database): boolean {
  if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return false;
  return db
    .transaction(() => {
      if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return false;
      const existing = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'data_keys'").get();
      if (existing) db.exec('ALTER TABLE data_keys RENAME TO data_keys_v0');
      db.exec(`
      CREATE TABLE data_keys (id TEXT PRIMARY KEY, subject TEXT, key TEXT NOT NULL);
      CREATE INDEX data_keys_by_subject ON data_keys (subject);
      CREATE TABLE key_store_state (recover_after TEXT NOT NULL);
      INSERT INTO key_store_state VALUES ('0');
    `);
      if (existing) db.exec('INSERT INTO data_keys (id, subject, key) SELECT id, subject, key FROM data_keys_v0; DROP TABLE data_keys_v0');
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return true;
    })
    .immediate();
}

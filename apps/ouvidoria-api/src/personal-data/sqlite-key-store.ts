import type Database from 'better-sqlite3';
import { openDatabase } from '@app/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATA_KEY_BYTES, isSealed, open, seal } from './field-cipher';
import type { DataKey, KeyStore } from './key-store';

interface KeyRow {
  id: string;
  key: string;
}

/**
 * Data keys in a SQLite file of their own (`DATA_DIR/keys.sqlite`), committed with
 * `synchronous=FULL` like the log: a key is durable before any value sealed with it is appended.
 * With a key-encryption key (`KEY_ENCRYPTION_KEY`) every data key is stored sealed with it, so the
 * file alone reveals nothing. Destroying a subject's keys deletes their rows with `secure_delete`
 * (freed pages are zeroed) and truncates the write-ahead log, so no copy of them stays in the file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(
    file: string,
    private readonly keyEncryptionKey?: Buffer,
  ) {
    this.db = openDatabase(file, 'FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS data_keys (id TEXT PRIMARY KEY, subject TEXT NOT NULL UNIQUE, key TEXT NOT NULL)');
    this.statements = {
      create: this.db.prepare('INSERT INTO data_keys (id, subject, key) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING'),
      bySubject: this.db.prepare<[string], KeyRow>('SELECT id, key FROM data_keys WHERE subject = ?'),
      byId: this.db.prepare<[string], KeyRow>('SELECT id, key FROM data_keys WHERE id = ?'),
      destroy: this.db.prepare('DELETE FROM data_keys WHERE subject = ?'),
    };
  }

  keyFor(subject: string): Promise<DataKey> {
    // A returning subject costs one read; only a new one a write (another process may race: first wins).
    let row = this.statements.bySubject.get(subject);
    if (!row) {
      const id = randomUUID();
      this.statements.create.run(id, subject, this.stored(id, randomBytes(DATA_KEY_BYTES)));
      row = this.statements.bySubject.get(subject)!;
    }
    return Promise.resolve({ id: row.id, key: this.unwrap(row) });
  }

  key(_subject: string, id: string): Promise<Buffer | null> {
    const row = this.statements.byId.get(id);
    return Promise.resolve(row ? this.unwrap(row) : null);
  }

  destroy(subject: string): Promise<number> {
    const { changes } = this.statements.destroy.run(subject);
    if (changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve(changes);
  }

  /** Remembers nothing: every key is read from the file. */
  forget(): void {}

  /** Every key, as stored (sealed when a key-encryption key is configured), to copy them elsewhere. */
  *all(): Generator<{ subject: string } & DataKey> {
    for (const row of this.db.prepare<[], KeyRow & { subject: string }>('SELECT id, subject, key FROM data_keys').iterate()) {
      yield { subject: row.subject, id: row.id, key: this.unwrap(row) };
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
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

import type Database from 'better-sqlite3';
import { openDatabase } from '@app/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { DATA_KEY_BYTES, isSealed, open, seal } from './field-cipher';
import type { DataKey, KeyStore } from './key-store';

/** How many opened keys are kept in memory. */
const REMEMBERED = 10_000;

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
  /** Keys opened lately, by id, with their subject: a rebuild or a returning subject reads each once. */
  private readonly remembered = new Map<string, { subject: string; key: Buffer }>();
  /** Subject → its key's id, for the keys remembered. */
  private readonly idOf = new Map<string, string>();

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
      idsOf: this.db.prepare<[string], { id: string }>('SELECT id FROM data_keys WHERE subject = ?'),
    };
  }

  keyFor(subject: string): Promise<DataKey> {
    const known = this.idOf.get(subject);
    if (known) return Promise.resolve({ id: known, key: this.remembered.get(known)!.key });
    // A returning subject costs one read; only a new one a write (another process may race: first wins).
    let row = this.statements.bySubject.get(subject);
    if (!row) {
      const id = randomUUID();
      this.statements.create.run(id, subject, this.stored(id, randomBytes(DATA_KEY_BYTES)));
      row = this.statements.bySubject.get(subject)!;
    }
    return Promise.resolve({ id: row.id, key: this.remember(subject, row) });
  }

  key(subject: string, id: string): Promise<Buffer | null> {
    const known = this.remembered.get(id);
    if (known) return Promise.resolve(known.key);
    const row = this.statements.byId.get(id);
    return Promise.resolve(row ? this.remember(subject, row) : null);
  }

  destroy(subject: string): Promise<number> {
    this.forget(subject);
    for (const { id } of this.statements.idsOf.all(subject)) this.remembered.delete(id);
    const { changes } = this.statements.destroy.run(subject);
    if (changes > 0) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve(changes);
  }

  /** Another process (`retention:run`) destroyed the subject's keys: none of them may be used from memory. */
  forget(subject: string): void {
    const id = this.idOf.get(subject);
    this.idOf.delete(subject);
    if (id) this.remembered.delete(id);
    for (const [keyId, { subject: of }] of this.remembered) if (of === subject) this.remembered.delete(keyId);
  }

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

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SynchronousMode = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';

/**
 * Opens a SQLite file in WAL mode. With `FULL`, every commit is fsynced before it returns,
 * so an acknowledged write survives `kill -9` and an OS crash.
 */
export function openDatabase(file: string, synchronous: SynchronousMode): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  // Durability and the protocol counter's deferred sync both rest on the write-ahead log.
  if (file !== ':memory:' && mode !== 'wal') throw new Error(`${file}: SQLite refused WAL mode (got ${String(mode)})`);
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

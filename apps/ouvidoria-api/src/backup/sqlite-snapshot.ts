import Database from 'better-sqlite3';
import { promises as fs } from 'node:fs';
import { hashFile, PRIVATE_FILE, syncFile } from './durable-files';
import type { BackedUpFile } from './manifest';

/** Pages copied per step of the online backup; between steps the event loop runs. */
const PAGES_PER_STEP = 1024;

/**
 * Copies a live SQLite database with SQLite's online backup API, as of one instant: a read
 * transaction is opened on the source first and held until the copy is done, so every step reads
 * the same snapshot while other processes go on writing (in WAL mode a reader blocks no writer).
 * `inSnapshot` reads the source in that same snapshot (the log's count and last position), so
 * what it answers describes the copy exactly. The copy is fsynced; nothing of the source changes.
 */
export async function snapshotDatabase<T>(
  from: string,
  to: string,
  inSnapshot: (db: Database.Database) => T = () => undefined as T,
): Promise<{ file: Omit<BackedUpFile, 'name'>; seen: T }> {
  const db = new Database(from, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    // A transaction takes its snapshot at its first read.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const seen = inSnapshot(db);
    await db.backup(to, { progress: () => PAGES_PER_STEP });
    db.exec('COMMIT');
    await fs.chmod(to, PRIVATE_FILE);
    await syncFile(to);
    return { file: await hashFile(to), seen };
  } finally {
    db.close();
  }
}

import Database from 'better-sqlite3';
import { join } from 'node:path';

/** The position of the last event in a data folder's log, read from the file itself (0 when empty). */
export function logHead(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events').get()!.head ?? 0;
  } finally {
    db.close();
  }
}

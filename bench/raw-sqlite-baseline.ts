import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/**
 * (a) The floor under our write path: one INSERT per transaction of an event-sized row, with the
 * pragmas the event store uses (WAL, synchronous=FULL), straight on better-sqlite3.
 */
export function rawSqliteInserts(dir: string, count: number, sampleRow: { data: string; metadata: string }): number {
  const db = new Database(join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, 0, ?, ?, ?, ?, ?, ?)',
  );
  const once = db.transaction((i: number) =>
    insert.run(
      `manifestation-${i}`,
      randomUUID(),
      'ManifestationRegistered',
      sampleRow.data,
      sampleRow.metadata,
      new Date().toISOString(),
      'f'.repeat(64),
    ),
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) once(i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return count / seconds;
}

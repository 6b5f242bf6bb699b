import type Database from 'better-sqlite3';
import type { Lease } from '../event-store.port';

interface LeaseRow {
  holder: string;
  until_ms: number;
  data: string;
}

/**
 * Leases in the event store's file, beside the `events` table (never in the log): one row per
 * name, taken in one statement under SQLite's write lock, so two processes never both hold it.
 */
export class SqliteLeases {
  private readonly take;
  private readonly read;
  private readonly end;

  constructor(db: Database.Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms INTEGER NOT NULL, data TEXT NOT NULL)',
    );
    this.take = db.prepare(
      `INSERT INTO leases (name, holder, until_ms, data) VALUES (@name, @holder, @until, @data)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms, data = excluded.data
       WHERE leases.holder = excluded.holder OR leases.until_ms <= @now`,
    );
    this.read = db.prepare<[string], LeaseRow>('SELECT holder, until_ms, data FROM leases WHERE name = ?');
    this.end = db.prepare(
      'UPDATE leases SET until_ms = @now, data = coalesce(@data, data) WHERE name = @name AND holder = @holder AND until_ms > @now',
    );
  }

  acquire(name: string, holder: string, now: Date, ttlMs: number, data: Record<string, unknown>): Lease {
    this.take.run({ name, holder, now: now.getTime(), until: now.getTime() + ttlMs, data: JSON.stringify(data) });
    return this.current(name)!;
  }

  current(name: string): Lease | null {
    const row = this.read.get(name);
    return row ? { holder: row.holder, until: new Date(row.until_ms), data: JSON.parse(row.data) as Record<string, unknown> } : null;
  }

  release(name: string, holder: string, now: Date, data?: Record<string, unknown>): void {
    this.end.run({ name, holder, now: now.getTime(), data: data ? JSON.stringify(data) : null });
  }
}

import type Database from 'better-sqlite3';
import { openDatabase } from './open-database';

/**
 * Per-day counters for protocol numbers, in the event store's own file.
 *
 * The counter commits with synchronous=NORMAL: it is only fsynced with the next FULL commit of
 * the event store, which shares the write-ahead log. A number whose case was acknowledged is
 * therefore durable; a number lost in a crash was never given to anyone.
 */
export class SqliteDailySequence {
  private readonly db: Database.Database;
  private readonly increment;

  constructor(file: string) {
    this.db = openDatabase(file, 'NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS daily_sequences (day TEXT PRIMARY KEY, last INTEGER NOT NULL)');
    this.increment = this.db.prepare<[string], { last: number }>(
      `INSERT INTO daily_sequences (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
    );
  }

  next(day: string): Promise<number> {
    try {
      return Promise.resolve(this.increment.get(day)!.last);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

import type Database from 'better-sqlite3';
import type { SynchronousMode } from './open-database';

/**
 * Per-day counters for protocol numbers, in the event store's own file and connection.
 *
 * An increment commits with synchronous=NORMAL: it is fsynced by the next FULL commit of the
 * event store, which shares the write-ahead log. A number whose case was acknowledged is
 * therefore durable; a number lost in a crash was never given to anyone. Sharing the connection
 * (rather than opening a second one) keeps the store's page cache valid between commits.
 */
export class SqliteDailySequence {
  private readonly increment;
  private readonly deferSync;
  private readonly restoreSync;

  constructor(db: Database.Database, storeSynchronous: SynchronousMode) {
    db.exec('CREATE TABLE IF NOT EXISTS daily_sequences (day TEXT PRIMARY KEY, last INTEGER NOT NULL)');
    this.increment = db.prepare<[string], { last: number }>(
      `INSERT INTO daily_sequences (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    this.deferSync = db.prepare('PRAGMA synchronous = NORMAL');
    this.restoreSync = db.prepare(`PRAGMA synchronous = ${storeSynchronous}`);
  }

  next(day: string): Promise<number> {
    try {
      this.deferSync.run();
      try {
        return Promise.resolve(this.increment.get(day)!.last);
      } finally {
        this.restoreSync.run();
      }
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

import type Database from 'better-sqlite3';
import type { SynchronousMode } from './open-database';
import { asStoreError } from './sqlite-errors';

interface Waiting {
  day: string;
  resolve: (sequence: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Per-day counters for protocol numbers, in the event store's own file and connection.
 *
 * Increments commit with synchronous=NORMAL: they are fsynced by the next FULL commit of the
 * event store, which shares the write-ahead log. A number whose case was acknowledged is
 * therefore durable; a number lost in a crash was never given to anyone. Like the store's
 * appends, the numbers asked for during one turn of the event loop are reserved in one
 * transaction, one UPSERT per day, and handed out in the order they were asked for.
 */
export class SqliteDailySequence {
  private readonly reserve;
  private readonly reserveAll;
  private readonly deferSync;
  private readonly restoreSync;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly db: Database.Database,
    storeSynchronous: SynchronousMode,
    /** What a failed reservation is reported as (the store also remembers a failing disk). */
    private readonly failed: (error: unknown) => unknown = asStoreError,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS daily_sequences (day TEXT PRIMARY KEY, last INTEGER NOT NULL)');
    this.reserve = db.prepare<[string, number], { last: number }>(
      `INSERT INTO daily_sequences (day, last) VALUES (?, ?)
       ON CONFLICT (day) DO UPDATE SET last = last + excluded.last RETURNING last`,
    );
    this.reserveAll = db.transaction((counts: Map<string, number>) => {
      const lastByDay = new Map<string, number>();
      for (const [day, count] of counts) lastByDay.set(day, this.reserve.get(day, count)!.last);
      return lastByDay;
    });
    this.deferSync = db.prepare('PRAGMA synchronous = NORMAL');
    this.restoreSync = db.prepare(`PRAGMA synchronous = ${storeSynchronous}`);
  }

  /**
   * Back to the store's durability. Should that ever fail, the connection is closed: appends
   * then fail loudly instead of being acknowledged without their fsync.
   */
  private restoreDurability(): void {
    try {
      this.restoreSync.run();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /** Every day's last number handed out, oldest day first (what `store:copy` carries over). */
  counters(): Array<{ day: string; last: number }> {
    return this.db.prepare<[], { day: string; last: number }>('SELECT day, last FROM daily_sequences ORDER BY day').all();
  }

  next(day: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ day, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.handOut());
    });
  }

  private handOut(): void {
    const waiting = this.waiting.splice(0);
    const counts = new Map<string, number>();
    for (const { day } of waiting) counts.set(day, (counts.get(day) ?? 0) + 1);
    let lastByDay: Map<string, number>;
    try {
      this.deferSync.run();
      try {
        lastByDay = this.reserveAll(counts);
      } finally {
        this.restoreDurability();
      }
    } catch (error) {
      const reported = this.failed(error);
      for (const w of waiting) w.reject(reported);
      return;
    }
    const nextByDay = new Map([...counts].map(([day, count]) => [day, lastByDay.get(day)! - count + 1]));
    for (const w of waiting) {
      const sequence = nextByDay.get(w.day)!;
      nextByDay.set(w.day, sequence + 1);
      w.resolve(sequence);
    }
  }
}

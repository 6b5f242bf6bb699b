import type { EventStore, RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from './projection';

export interface ProjectionLag {
  position: bigint;
  /** Events in the log the projection has not applied yet. */
  events: bigint;
  /** Age of the oldest event not applied yet, in seconds; 0 when caught up. */
  seconds: number;
}

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
}

const BATCH = 500;

/**
 * Keeps projections up to date with the log: at start each catches up from its own checkpoint,
 * then follows new appends. Each batch of events and the checkpoint commit in one SQLite
 * transaction, so a crash between events neither loses nor repeats an effect.
 */
export class ProjectionRunner {
  private readonly checkpoints = new Map<string, bigint>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly saveCheckpoint;
  private unsubscribe?: () => void;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly projections: Projection[],
    private readonly now: () => Date = () => new Date(),
    /** A projection that throws stays at its checkpoint (its lag shows it) and is retried on the next append. */
    private readonly onError: (error: unknown) => void = (error) => console.error('projection failed:', error),
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    const read = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
    this.saveCheckpoint = db.prepare<[string, number]>(
      `INSERT INTO projection_checkpoints (name, position) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    );
    for (const projection of projections) {
      projection.migrate(db);
      this.checkpoints.set(projection.name, BigInt(read.get(projection.name)?.position ?? 0));
    }
  }

  /** Catches up, then follows the log. Resolves once caught up with what was there at start. */
  async start(): Promise<void> {
    this.unsubscribe = this.store.onAppended(() => void this.catchUp());
    await this.catchUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.running;
    for (const waiters of this.waiters.values()) waiters.forEach((w) => w.resolve(false));
    this.waiters.clear();
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  position(name: string): bigint {
    const position = this.checkpoints.get(name);
    if (position === undefined) throw new Error(`unknown projection ${name}`);
    return position;
  }

  /** Resolves true once `name` has applied the event at `position`, false after `timeoutMs`. */
  waitFor(name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position(name) >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      const timer = setTimeout(() => {
        this.waiters.set(name, (this.waiters.get(name) ?? []).filter((w) => w !== waiter));
        resolve(false);
      }, timeoutMs);
      waiter.resolve = (reached) => {
        clearTimeout(timer);
        resolve(reached);
      };
      this.waiters.set(name, [...(this.waiters.get(name) ?? []), waiter]);
    });
  }

  async lag(name: string): Promise<ProjectionLag> {
    const position = this.position(name);
    const last = await this.store.lastPosition();
    const [oldest] = last > position ? await this.store.readAll({ after: position, maxCount: 1 }) : [];
    const seconds = oldest ? Math.max(0, (this.now().getTime() - Date.parse(oldest.recordedAt)) / 1000) : 0;
    return { position, events: last > position ? last - position : 0n, seconds };
  }

  /** One catch-up at a time; an append during a run asks for one more run. */
  private catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (const projection of this.projections) {
            // One failing projection must not hold back the others.
            try {
              await this.catchUpOne(projection);
            } catch (error) {
              this.onError(error);
            }
          }
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async catchUpOne(projection: Projection): Promise<void> {
    while (!this.stopped) {
      const after = this.checkpoints.get(projection.name)!;
      const events = await this.store.readAll({ after, maxCount: BATCH });
      if (events.length === 0) return;
      this.applyBatch(projection, events);
    }
  }

  private applyBatch(projection: Projection, events: RecordedEvent[]): void {
    const last = events[events.length - 1].position;
    this.db.transaction(() => {
      for (const event of events) projection.apply(this.db, event);
      this.saveCheckpoint.run(projection.name, Number(last));
    })();
    this.checkpoints.set(projection.name, last);
    const waiting = this.waiters.get(projection.name) ?? [];
    const reached = waiting.filter((w) => w.position <= last);
    this.waiters.set(projection.name, waiting.filter((w) => w.position > last));
    reached.forEach((w) => w.resolve(true));
  }
}

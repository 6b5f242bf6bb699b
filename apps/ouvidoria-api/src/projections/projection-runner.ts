import { DamagedEvent, StoreUnavailable, type EventStore, type ReadAllOptions, type RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from './projection';
import { ReadModel } from './read-model';
import type { ReadModelStorage } from './read-model-storage';

export interface ProjectionLag {
  position: bigint;
  /** Events in the log the projection has not applied yet, counted up to `LAG_COUNTED_UP_TO`. */
  events: bigint;
  /** Age of the oldest event not applied yet, in seconds; 0 when caught up. */
  seconds: number;
  /** The position of a damaged event the projection cannot get past, when it is stuck on one. */
  blockedAt?: bigint;
}

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
}

export const BATCH = 500;
/** A lag is counted up to this many events (a catch-up from scratch is "at least" this far behind). */
export const LAG_COUNTED_UP_TO = 100_000;
/** How often a running server looks for a rebuilt version to switch to. */
const SWITCH_CHECK_MS = 1000;

/**
 * Keeps projections up to date with the log: at start each catches up from its own checkpoint,
 * then follows new appends. Each batch of events and the checkpoint commit in one SQLite
 * transaction (`ReadModel`), so a crash between events neither loses nor repeats an effect.
 * When a rebuild (`projections:rebuild`, another process) has made a new version live, the
 * runner switches to it between two batches and retires the old one: queries never stop.
 */
export class ProjectionRunner {
  private readonly models = new Map<string, ReadModel>();
  private readonly waiters = new Map<string, Waiter[]>();
  /** Projections stuck on a damaged event, until they get past it. */
  private readonly blocked = new Map<string, bigint>();
  /** Projections waiting for their storage or the log to come back (disk full, file failing), with the reason logged. */
  private readonly paused = new Map<string, string>();
  /**
   * Projections whose first catch-up since start has ended: caught up, or stuck on a damaged event
   * (`blockedAt` shows it; its read model serves what came before). One paused by its storage or
   * the log failing has not: it answers 503 until it has caught up.
   */
  private readonly settled = new Set<string>();
  /** Read models checked to follow this log (`ReadModel.follows`), once each before their first batch. */
  private readonly checked = new Set<ReadModel>();
  private unsubscribe?: () => void;
  private switchTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly storage: ReadModelStorage,
    private readonly projections: Projection[],
    private readonly now: () => Date = () => new Date(),
    /** A projection that throws stays at its checkpoint (its lag shows it) and is retried on the next append. */
    private readonly onError: (error: unknown) => void = (error) => console.error('projection failed:', error),
    private readonly log: (message: string) => void = (message) => console.warn(message),
    /** The log opened, for the projections that read personal values; `store` when not given. */
    private readonly opened: Pick<EventStore, 'readAll'> = store,
  ) {
    for (const projection of projections) {
      const version = storage.activeVersion(projection.name);
      storage.retireBefore(projection.name, version);
      this.models.set(projection.name, ReadModel.open(storage, projection, version));
    }
  }

  /** Catches up, then follows the log. Resolves once caught up with what was there at start. */
  async start(): Promise<void> {
    this.unsubscribe = this.store.onAppended(() => void this.catchUp());
    this.switchTimer = setInterval(() => void this.catchUp(), SWITCH_CHECK_MS).unref();
    await this.catchUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.switchTimer);
    await this.running;
    for (const waiters of this.waiters.values()) waiters.forEach((w) => w.resolve(false));
    this.waiters.clear();
  }

  /** Stops and closes every read model's database. */
  async close(): Promise<void> {
    await this.stop();
    for (const model of this.models.values()) if (model.db.open) model.db.close();
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** The live database of a projection's read model; ask again for each query (it may switch). */
  database(name: string): Database.Database {
    return this.model(name).db;
  }

  /** The live version of a projection's read model. */
  version(name: string): number {
    return this.model(name).version;
  }

  position(name: string): bigint {
    return this.model(name).checkpoint;
  }

  /**
   * Whether the projection's first catch-up since start has ended. Until then its read model shows
   * a past state of the log (after an upgrade, or a lost read-model folder, a far past one).
   */
  hasSettled(name: string): boolean {
    this.model(name);
    return this.settled.has(name);
  }

  private model(name: string): ReadModel {
    const model = this.models.get(name);
    if (!model) throw new Error(`unknown projection ${name}`);
    return model;
  }

  /** Resolves true once `name` has applied the event at `position`, false after `timeoutMs`. */
  waitFor(name: string, position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position(name) >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve };
      const timer = setTimeout(() => {
        this.waiters.set(
          name,
          (this.waiters.get(name) ?? []).filter((w) => w !== waiter),
        );
        resolve(false);
      }, timeoutMs);
      waiter.resolve = (reached) => {
        clearTimeout(timer);
        resolve(reached);
      };
      this.waiters.set(name, [...(this.waiters.get(name) ?? []), waiter]);
    });
  }

  /** `countUpTo`: events behind are counted up to this many (a count of a long lag reads that many index entries). */
  async lag(name: string, countUpTo = LAG_COUNTED_UP_TO): Promise<ProjectionLag> {
    const position = this.position(name);
    let oldest;
    try {
      [oldest] = await this.store.readAll({ after: position, maxCount: 1 });
    } catch (error) {
      if (!(error instanceof DamagedEvent)) throw error;
      return { position, events: BigInt(await this.store.countAfter(position, countUpTo)), seconds: 0, blockedAt: error.position };
    }
    const blockedAt = this.blocked.get(name);
    const seconds = oldest ? Math.max(0, (this.now().getTime() - Date.parse(oldest.recordedAt)) / 1000) : 0;
    const events = oldest ? BigInt(await this.store.countAfter(position, countUpTo)) : 0n;
    return { position, events, seconds, ...(blockedAt === undefined ? {} : { blockedAt }) };
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
          await this.catchUpAll();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /**
   * Every projection in turn applies one batch, round after round until all are caught up: those
   * at the same checkpoint (as they are while following the log) and reading the same log (as
   * stored, or opened for those that `readsPersonalValues`) share one read of the page.
   */
  private async catchUpAll(): Promise<void> {
    const pending = new Set<string>();
    for (const projection of this.projections) {
      // One failing projection must not hold back the others.
      try {
        this.switchIfRebuilt(projection.name);
        await this.checkFollowsLog(projection.name);
        pending.add(projection.name);
      } catch (error) {
        this.failed(projection.name, error);
        if (error instanceof DamagedEvent) this.settled.add(projection.name);
      }
    }
    while (pending.size > 0 && !this.stopped) {
      // The embedded store answers reads without I/O waits: without this turn of the event loop a
      // catch-up of a long log would hold everything else (HTTP, timers) until it ends.
      await new Promise((resolve) => setImmediate(resolve));
      const pages = new Map<string, Promise<RecordedEvent[]>>();
      const sourceOf = ({ readsPersonalValues }: Projection) => ({
        readAll: (options: ReadAllOptions) => {
          const key = `${readsPersonalValues ? 'opened' : 'stored'}:${options.after}`;
          if (!pages.has(key)) pages.set(key, (readsPersonalValues ? this.opened : this.store).readAll(options));
          return pages.get(key)!;
        },
      });
      for (const name of [...pending]) {
        try {
          const model = this.model(name);
          if ((await model.applyNext(sourceOf(model.projection), BATCH)) === 0) {
            pending.delete(name);
            this.settled.add(name);
            this.blocked.delete(name);
          } else this.reached(name, model.checkpoint);
          this.resumed(name);
        } catch (error) {
          pending.delete(name);
          if (error instanceof DamagedEvent) {
            this.blocked.set(name, error.position);
            this.settled.add(name);
          }
          this.failed(name, error);
        }
      }
    }
  }

  /**
   * A storage failure pauses the projection until the next try (on the next append, and every
   * second): one line when it starts and one when it ends, not a stack trace per try. Anything else
   * goes to `onError`.
   */
  private failed(name: string, error: unknown): void {
    if (!(error instanceof StoreUnavailable)) return this.onError(error);
    if (this.paused.get(name) === error.reason) return;
    this.paused.set(name, error.reason);
    this.log(`projection ${name} paused, its storage or the log is failing (${error.reason}: ${error.message}); retrying every second`);
  }

  private resumed(name: string): void {
    if (this.paused.delete(name)) this.log(`projection ${name} resumed`);
  }

  /** A read model built from another log is rebuilt from this one, in place, before it is used further. */
  private async checkFollowsLog(name: string): Promise<void> {
    const model = this.model(name);
    if (this.checked.has(model)) return;
    if (!(await model.follows(this.store))) {
      this.log(
        `read model ${name} v${model.version} was built from another log (its checkpoint, position ${model.checkpoint}, names an event this log does not hold there): rebuilding it from this log`,
      );
      model.db.close();
      this.storage.remove(name, model.version);
      this.models.set(name, ReadModel.open(this.storage, model.projection, model.version));
    }
    this.checked.add(this.model(name));
  }

  /** Between batches: a rebuild made another version live, so read from it and drop the old one. */
  private switchIfRebuilt(name: string): void {
    const current = this.model(name);
    const version = this.storage.activeVersion(name);
    if (version === current.version) return;
    // Should it fail to open, the current version stays live and the switch is tried again.
    const rebuilt = ReadModel.open(this.storage, current.projection, version);
    this.models.set(name, rebuilt);
    this.storage.retireBefore(name, version, current.db);
    this.log(`read model ${name} switched from v${current.version} to v${version}, rebuilt from the log`);
    this.reached(name, rebuilt.checkpoint);
  }

  private reached(name: string, position: bigint): void {
    const waiting = this.waiters.get(name) ?? [];
    const done = waiting.filter((w) => w.position <= position);
    this.waiters.set(
      name,
      waiting.filter((w) => w.position > position),
    );
    done.forEach((w) => w.resolve(true));
  }
}

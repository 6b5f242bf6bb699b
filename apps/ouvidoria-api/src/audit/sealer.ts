import {
  EMPTY_LOG_HASH,
  rollOn,
  SEAL_EVENT,
  SEAL_STREAM,
  WrongExpectedRevision,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import { latestSeal, type StoredSeal } from './seal-stream';

export interface SealerOptions {
  /** A seal at least this often while the log grows. */
  intervalMs: number;
  /** ... and as soon as this many events are unsealed. */
  maxEvents: number;
}

/** Where the sealer has got to: the rolling hash over the log up to `position`. */
interface Progress {
  events: number;
  rolling: string;
  position: bigint;
  lastEventId: string;
  /** Events other than seals since the last stored seal: nothing to seal when none. */
  unsealed: number;
  /** Revision of the last stored seal, the expected revision of the next. */
  revision: bigint | null;
}

const PAGE = 1000;

/**
 * Follows the global log and records seals (`LogSealed` on `audit-seals`): the rolling hash over
 * every event up to a point. It appends with the revision of the last seal it knows as expected
 * revision, so however many sealers run (several instances, the CLI), each seal extends the one
 * before it; a sealer that loses the race reloads and goes on from the winner's seal.
 */
export class Sealer {
  private progress: Progress | null = null;
  private last: StoredSeal | null = null;
  private running: Promise<StoredSeal | null> = Promise.resolve(null);
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: EventStore,
    private readonly now: () => Date,
    private readonly uuid: () => string,
    private readonly options: SealerOptions,
    private readonly onError: (error: unknown) => void = (error) => console.error('sealing failed:', error),
  ) {}

  /** The latest seal this sealer knows of (its own or one it loaded). */
  latest(): StoredSeal | null {
    return this.last && { ...this.last };
  }

  start(): void {
    this.timer = setInterval(() => void this.seal().catch(this.onError), this.options.intervalMs).unref();
    this.unsubscribe = this.store.onAppended((position) => {
      const progress = this.progress;
      if (progress && position - progress.position >= BigInt(this.options.maxEvents)) void this.seal().catch(this.onError);
    });
    void this.seal().catch(this.onError);
  }

  /** Seals what the log holds now (at graceful shutdown, nothing written before it is left unsealed). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.seal().catch(this.onError);
  }

  /**
   * Records a seal over the whole log as it is now, unless nothing but seals came since the last
   * one; one run at a time. Resolves with the latest seal, or null when the log has none.
   */
  seal(): Promise<StoredSeal | null> {
    const run = this.running.catch(() => null).then(() => this.sealOnce());
    this.running = run;
    return run;
  }

  private async sealOnce(): Promise<StoredSeal | null> {
    try {
      const progress = await this.advance(this.progress ?? (await this.load()));
      this.progress = progress;
      if (progress.unsealed === 0) return this.last;
      const seal: StoredSeal = {
        events: progress.events,
        lastEventId: progress.lastEventId,
        lastPosition: progress.position.toString(),
        rollingHash: progress.rolling,
        sealedAt: this.now().toISOString(),
      };
      const eventId = this.uuid();
      const metadata = {
        eventId,
        occurredAt: seal.sealedAt,
        actor: { sub: 'sealer', role: 'system' },
        correlationId: eventId,
        causationId: eventId,
      };
      const result = await this.store.append(
        SEAL_STREAM,
        [{ id: eventId, type: SEAL_EVENT, data: { ...seal }, metadata }],
        progress.revision ?? 'no_stream',
      );
      this.progress = { ...progress, unsealed: 0, revision: result.nextRevision };
      this.last = seal;
      return seal;
    } catch (error) {
      // Start again from what is stored: another sealer won, or the store failed half-way.
      this.progress = null;
      if (!(error instanceof WrongExpectedRevision)) throw error;
      this.last = (await latestSeal(this.store))?.seal ?? null;
      this.onError(new Error('another sealer sealed first; going on from its seal'));
      return this.last;
    }
  }

  /**
   * The last stored seal, when this store holds the event it ends at where it says (a log copied
   * into another store has other positions: then the rolling hash is computed again from the start).
   */
  private async load(): Promise<Progress> {
    const start: Progress = { events: 0, rolling: EMPTY_LOG_HASH, position: 0n, lastEventId: '', unsealed: 0, revision: null };
    const latest = await latestSeal(this.store);
    this.last = latest?.seal ?? null;
    if (!latest) return start;
    const { seal, revision } = latest;
    // A last seal that is no seal (damaged): roll again from the start, and seal after it.
    if (!seal) return { ...start, revision };
    const position = BigInt(seal.lastPosition);
    const there = await this.store.eventAt(position);
    if (there?.position === position && there.id === seal.lastEventId) {
      return { events: seal.events, rolling: seal.rollingHash, position, lastEventId: seal.lastEventId, unsealed: 0, revision };
    }
    return { ...start, revision };
  }

  /** Rolls on over everything the log holds after `progress`. */
  private async advance(progress: Progress): Promise<Progress> {
    let next = { ...progress };
    for (;;) {
      const page = await this.store.readAll({ after: next.position, maxCount: PAGE });
      if (page.length === 0) return next;
      for (const event of page) next = rolled(next, event);
      // A long log (a first start on an existing one) must not hold the event loop for its whole length.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function rolled(progress: Progress, event: RecordedEvent): Progress {
  return {
    ...progress,
    events: progress.events + 1,
    rolling: rollOn(progress.rolling, event.hash),
    position: event.position,
    lastEventId: event.id,
    unsealed: progress.unsealed + (event.streamId === SEAL_STREAM ? 0 : 1),
  };
}

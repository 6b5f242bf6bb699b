import { randomUUID } from 'node:crypto';
import { WrongExpectedRevision, type EventStore } from './event-store.port';

interface Waiting {
  day: string;
  resolve: (sequence: number) => void;
  reject: (error: unknown) => void;
}

const RESERVED = 'NumbersReserved';
const ACTOR = { sub: 'protocol-sequence', role: 'system' };

/**
 * Per-day counters as streams of the event store (`protocol-sequence-YYYYMMDD`), for stores shared
 * by several instances: each reservation appends `NumbersReserved { first, last }` with the
 * revision of the last one read as expected revision, so two instances never hand out the same
 * number, and a race is settled by reading again and reserving after the winner (no gap). The
 * numbers asked for during one turn of the event loop are reserved in one append per day.
 */
export class StreamDailySequence {
  private readonly waiting: Waiting[] = [];
  /** The last reservation this process saw per day: the next append's expected revision. */
  private readonly heads = new Map<string, { revision: bigint; last: number }>();

  constructor(
    private readonly store: EventStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  next(day: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ day, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.handOut());
    });
  }

  private async handOut(): Promise<void> {
    const waiting = this.waiting.splice(0);
    const byDay = new Map<string, Waiting[]>();
    for (const w of waiting) byDay.set(w.day, [...(byDay.get(w.day) ?? []), w]);
    await Promise.all(
      [...byDay].map(async ([day, asking]) => {
        try {
          const first = await this.reserve(day, asking.length);
          asking.forEach((w, i) => w.resolve(first + i));
        } catch (error) {
          for (const w of asking) w.reject(error);
        }
      }),
    );
  }

  /**
   * Marks the numbers of `day` up to `last` as handed out (another store handed them out: a copied
   * log); nothing when the counter is there already. The next number is then `last + 1` at least.
   */
  async raiseTo(day: string, last: number): Promise<void> {
    const streamId = `protocol-sequence-${day}`;
    for (;;) {
      const head = await this.readHead(streamId);
      if ((head?.last ?? 0) >= last) return;
      const eventId = randomUUID();
      const metadata = { eventId, occurredAt: this.now().toISOString(), actor: ACTOR, correlationId: eventId, causationId: eventId };
      try {
        await this.store.append(
          streamId,
          [{ id: eventId, type: RESERVED, data: { first: (head?.last ?? 0) + 1, last }, metadata }],
          head?.revision ?? 'no_stream',
        );
        this.heads.delete(day);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
  }

  /** Reserves `count` numbers of `day`; the first of them. */
  private async reserve(day: string, count: number): Promise<number> {
    const streamId = `protocol-sequence-${day}`;
    for (;;) {
      const head = this.heads.get(day) ?? (await this.readHead(streamId));
      const first = (head?.last ?? 0) + 1;
      const last = first + count - 1;
      const eventId = randomUUID();
      const metadata = { eventId, occurredAt: this.now().toISOString(), actor: ACTOR, correlationId: eventId, causationId: eventId };
      try {
        const result = await this.store.append(
          streamId,
          [{ id: eventId, type: RESERVED, data: { first, last }, metadata }],
          head?.revision ?? 'no_stream',
        );
        this.heads.set(day, { revision: result.nextRevision, last });
        return first;
      } catch (error) {
        this.heads.delete(day);
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // Another instance reserved first: read its reservation and reserve after it.
      }
    }
  }

  private async readHead(streamId: string): Promise<{ revision: bigint; last: number } | undefined> {
    const [event] = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return event && { revision: event.revision, last: (event.data as { last: number }).last };
  }
}

import type { EventStore } from '@app/event-store';
import { backoffMs, pause } from './backoff';
import { messagesFor, type OutboundMessage } from './outbound-messages';
import type { RelayLease, RelayProgress } from './relay-lease';
import type { RelayState } from './relay-state';
import type { Topics } from './topics';

/** Sends messages and resolves once the broker has acknowledged every one of them. */
export interface MessagePublisher {
  send(messages: OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface RelayStatus {
  /** `standby`: another instance holds the relay lease. */
  status: 'up' | 'degraded' | 'starting' | 'standby';
  /** How far the relay got: this instance's checkpoint, or while standing by the holder's progress at its last renewal. */
  position: bigint;
  /** While standing by: the instance that holds the lease. */
  holder?: string;
  lastError?: string;
}

const BATCH = 500;
/**
 * At most this much key + value + headers per send: brokers refuse requests over their
 * `message.max.bytes` (1 MiB by default), and a case's texts reach 20,000 characters each.
 */
const MAX_BATCH_BYTES = 512 * 1024;

const sizeOf = (m: OutboundMessage) =>
  Buffer.byteLength(m.key ?? '') +
  Buffer.byteLength(m.value ?? '') +
  Object.entries(m.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);

/**
 * Publishes the global log to Kafka, at least once and without gaps: it reads after its own
 * checkpoint, sends a batch, and moves the checkpoint only when the broker has acknowledged the
 * batch. After a crash it resumes from the checkpoint (the unacknowledged batch is sent again).
 * While Kafka is unreachable it retries with capped backoff; the log keeps everything meanwhile.
 * Of several instances only the holder of the relay lease sends (`RelayLease`); one that takes the
 * lease over first brings its memory of manifestations up to where the previous holder got, without
 * sending, then goes on from there.
 */
export class OutboundRelay {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;
  private current: RelayStatus;
  private verified = false;
  private leaseTimer?: NodeJS.Timeout;
  private takenOver?: RelayProgress;
  /** The renewal in flight, if any: a stop waits for it before it releases. */
  private keeping?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly state: RelayState,
    private readonly publisher: MessagePublisher,
    private readonly topics: Topics,
    private readonly source: string,
    private readonly lease: RelayLease,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.current = { status: 'starting', position: state.checkpoint() };
  }

  /** Starts following the log once it holds the lease (tried now, then every third of its time); does not wait for Kafka. */
  start(): void {
    this.unsubscribe = this.store.onAppended(() => this.kick());
    this.leaseTimer = setInterval(() => this.renew(), this.lease.ttlMs / 3);
    this.renew();
  }

  /** Finishes the batch in flight (or gives up its retries), then stops and lets another instance take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.leaseTimer);
    this.unsubscribe?.();
    await this.keeping;
    await this.running;
    await this.lease
      .release(this.progress())
      .catch((error: unknown) => this.log(`the relay lease could not be released: ${String(error)}`));
  }

  private renew(): void {
    if (this.keeping) return;
    this.keeping = this.keepLease().finally(() => (this.keeping = undefined));
  }

  /** The position and id of the last event whose messages the broker acknowledged. */
  private progress(): RelayProgress | null {
    const eventId = this.state.checkpointEventId();
    return eventId ? { position: this.state.checkpoint().toString(), eventId } : null;
  }

  private async keepLease(): Promise<void> {
    if (this.stopped) return;
    const checkpoint = this.state.checkpoint();
    try {
      const wasHolding = this.lease.holds();
      const { held, takenOver, holder, holderProgress } = await this.lease.keep(this.progress());
      if (takenOver) this.takenOver = takenOver;
      if (held && !wasHolding)
        this.log(`Kafka relay: this instance holds the relay lease${takenOver ? ` (taken over at position ${takenOver.position})` : ''}`);
      if (!held && wasHolding) this.log('Kafka relay: another instance holds the relay lease; this one stands by');
      if (held) this.kick();
      else this.current = { status: 'standby', position: holderProgress ? BigInt(holderProgress.position) : checkpoint, holder };
    } catch (error) {
      this.current = {
        ...this.current,
        status: 'degraded',
        lastError: `relay lease: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  status(): RelayStatus {
    return { ...this.current };
  }

  private kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) this.kick();
    });
  }

  private async drain(): Promise<void> {
    this.again = false;
    for (let failures = 0; !this.stopped;) {
      if (!this.lease.holds()) return;
      try {
        if (this.takenOver) await this.fastForward(this.takenOver);
        if (!(await this.sendNextBatch())) return;
        failures = 0;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (this.current.status !== 'degraded') this.log(`Kafka relay degraded, retrying: ${message}`);
        this.current = { ...this.current, status: 'degraded', lastError: message };
        await pause(backoffMs(failures++), () => this.stopped);
      }
    }
  }

  /**
   * The checkpoint must name the event the log holds at that position. A log copied to another
   * store (`store:copy`) holds that event elsewhere: the checkpoint moves to it, once. A log
   * restored from a backup without the relay's file reuses positions for other events, or lacks
   * the event: sending on would skip or repeat events, so nothing is sent.
   */
  private async verifyCheckpoint(): Promise<void> {
    const position = this.state.checkpoint();
    if (this.verified || position === 0n) return;
    const expected = this.state.checkpointEventId();
    const event = await this.store.eventAt(position);
    if (event?.id !== expected) {
      const moved = expected === undefined ? null : await this.find(expected);
      if (!moved) {
        throw new Error(
          `the relay checkpoint (position ${position}, event ${expected}) does not match the event log ` +
            '(was events.sqlite restored without kafka-relay.sqlite?); nothing is sent until an operator resolves it',
        );
      }
      await this.state.inBatch(
        () => ({ position: moved, eventId: expected! }),
        async () => undefined,
      );
      this.current = { ...this.current, position: moved };
      this.log(`Kafka relay: the checkpoint's event is at position ${moved} of this log (a copied log); relaying on from there`);
    }
    this.verified = true;
  }

  /** The position of the event with this id, by one walk through the log; null when it holds none. */
  private async find(eventId: string): Promise<bigint | null> {
    for (let after = 0n; ;) {
      const page = await this.store.readAll({ after, maxCount: BATCH });
      if (page.length === 0) return null;
      const found = page.find((e) => e.id === eventId);
      if (found) return found.position;
      after = page[page.length - 1].position;
    }
  }

  /**
   * Brings the relay's memory and checkpoint up to where the previous lease holder got, sending
   * nothing (the broker has those messages). A previous holder on another log (its event is not at
   * that position here) is not followed: then this relay resends from its own checkpoint.
   */
  private async fastForward(to: RelayProgress): Promise<void> {
    const target = BigInt(to.position);
    const there = await this.store.eventAt(target);
    if (there?.position === target && there.id === to.eventId) {
      while (this.state.checkpoint() < target) {
        const events = (await this.store.readAll({ after: this.state.checkpoint(), maxCount: BATCH })).filter((e) => e.position <= target);
        const last = events[events.length - 1];
        await this.state.inBatch(
          () => {
            for (const event of events) messagesFor(event, this.state, this.topics, this.source);
            return { position: last.position, eventId: last.id };
          },
          async () => undefined,
        );
      }
      this.verified = true;
      this.current = { ...this.current, position: this.state.checkpoint() };
    } else {
      this.log(
        `Kafka relay: the previous holder's progress (position ${to.position}) is not in this log; resending from this instance's checkpoint`,
      );
    }
    this.takenOver = undefined;
  }

  /** Sends the next batch after the checkpoint; false when there was none. */
  private async sendNextBatch(): Promise<boolean> {
    await this.verifyCheckpoint();
    const events = await this.store.readAll({ after: this.state.checkpoint(), maxCount: BATCH, sequential: true });
    if (events.length === 0) {
      // Caught up: the log answered, and nothing waits for the broker.
      this.current = { status: 'up', position: this.current.position };
      return false;
    }
    const position = await this.state.inBatch(
      () => {
        // Whole events only, until the byte budget is spent (at least one event per batch). An
        // event left out is mapped again in the next batch: what it recorded of its case is the same.
        const messages: OutboundMessage[] = [];
        let bytes = 0;
        let last = events[0];
        for (const event of events) {
          const own = messagesFor(event, this.state, this.topics, this.source);
          const size = own.reduce((n, m) => n + sizeOf(m), 0);
          if (messages.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
          messages.push(...own);
          bytes += size;
          last = event;
        }
        return { messages, position: last.position, eventId: last.id };
      },
      async ({ messages }) => {
        if (messages.length > 0) await this.publisher.send(messages);
      },
    );
    if (this.current.status === 'degraded') this.log('Kafka relay up again');
    this.current = { status: 'up', position };
    return true;
  }
}

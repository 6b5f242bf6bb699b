import type { EventStore } from '@app/event-store';
import { backoffMs, pause } from './backoff';
import { messagesFor, type OutboundMessage } from './outbound-messages';
import type { RelayState } from './relay-state';
import type { Topics } from './topics';

/** Sends messages and resolves once the broker has acknowledged every one of them. */
export interface MessagePublisher {
  send(messages: OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface RelayStatus {
  status: 'up' | 'degraded' | 'starting';
  position: bigint;
  lastError?: string;
}

const BATCH = 500;

/**
 * Publishes the global log to Kafka, at least once and without gaps: it reads after its own
 * checkpoint, sends a batch, and moves the checkpoint only when the broker has acknowledged the
 * batch. After a crash it resumes from the checkpoint (the unacknowledged batch is sent again).
 * While Kafka is unreachable it retries with capped backoff; the log keeps everything meanwhile.
 */
export class OutboundRelay {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private unsubscribe?: () => void;
  private current: RelayStatus;

  constructor(
    private readonly store: EventStore,
    private readonly state: RelayState,
    private readonly publisher: MessagePublisher,
    private readonly topics: Topics,
    private readonly source: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.current = { status: 'starting', position: state.checkpoint() };
  }

  /** Starts following the log; does not wait for Kafka. */
  start(): void {
    this.unsubscribe = this.store.onAppended(() => this.kick());
    this.kick();
  }

  /** Finishes the batch in flight (or gives up its retries), then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.running;
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
    for (let failures = 0; !this.stopped; ) {
      try {
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

  /** Sends the next batch after the checkpoint; false when there was none. */
  private async sendNextBatch(): Promise<boolean> {
    const events = await this.store.readAll({ after: this.state.checkpoint(), maxCount: BATCH });
    if (events.length === 0) {
      if (this.current.status !== 'degraded') this.current = { ...this.current, status: 'up' };
      return false;
    }
    const last = events[events.length - 1].position;
    await this.state.inBatch(
      last,
      () => events.flatMap((event) => messagesFor(event, this.state, this.topics, this.source)),
      async (messages) => {
        if (messages.length > 0) await this.publisher.send(messages);
      },
    );
    if (this.current.status === 'degraded') this.log('Kafka relay up again');
    this.current = { status: 'up', position: last };
    return true;
  }
}

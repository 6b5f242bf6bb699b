import type { Consumer, Kafka } from 'kafkajs';
import type { IncomingMessage } from '../manifestations';
import { backoffMs, pause } from './backoff';
import { EscalationMessages } from './escalation-messages';
import type { MessagePublisher } from './outbound-relay';
import type { Topics } from './topics';

export interface IntakeStatus {
  status: 'up' | 'degraded' | 'starting';
  lastError?: string;
  accepted: number;
  deadLettered: number;
}

/**
 * The consumer group that takes SAC escalations from Kafka (`EscalationMessages` decides what
 * each becomes). An offset is committed only after its message was appended or dead-lettered, so
 * a poison message never blocks its partition and a crash never skips one.
 */
export class SacIntake {
  private consumer?: Consumer;
  private stopped = false;
  private starting?: Promise<void>;
  private current: Omit<IntakeStatus, 'accepted' | 'deadLettered'> = { status: 'starting' };
  private readonly messages: EscalationMessages;
  private messageError?: string;

  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
    private readonly topics: Topics,
    accept: (message: IncomingMessage) => Promise<void>,
    deadLetters: MessagePublisher,
    private readonly createTopics: boolean,
    log: (message: string) => void = () => undefined,
  ) {
    const messageFailed = (error: unknown) => (this.messageError = error instanceof Error ? error.message : String(error));
    this.messages = new EscalationMessages(accept, deadLetters, topics, () => this.stopped, messageFailed, log);
  }

  /** Connects in the background, retrying with backoff: the app serves meanwhile. */
  start(): void {
    this.starting = this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.consumer?.disconnect(); // waits for the message in hand
  }

  /** Degraded while the connection is, or while a message is being retried. */
  status(): IntakeStatus {
    const { accepted, deadLettered, failing } = this.messages;
    if (failing) return { status: 'degraded', lastError: this.messageError, accepted, deadLettered };
    return { ...this.current, accepted, deadLettered };
  }

  private async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const consumer = this.kafka.consumer({ groupId: this.group, allowAutoTopicCreation: true });
      try {
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          this.degraded(payload.error);
          // kafkajs restarts the consumer itself after a retriable crash; after any other, we do.
          if (!payload.restart && !this.stopped) {
            void consumer.disconnect().catch(() => undefined);
            this.starting = this.connect();
          }
        });
        consumer.on(consumer.events.GROUP_JOIN, () => (this.current = { ...this.current, status: 'up', lastError: undefined }));
        await this.ensureTopics();
        await consumer.connect();
        await consumer.subscribe({ topic: this.topics.sac, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          // Partitions are independent: their appends share the store's group commit.
          partitionsConsumedConcurrently: 8,
          eachMessage: async ({ topic, partition, message, heartbeat }) => {
            await this.messages.handle(topic, partition, message, heartbeat);
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          },
        });
        this.consumer = consumer;
        if (this.stopped) await consumer.disconnect();
        return;
      } catch (error) {
        this.degraded(error);
        await consumer.disconnect().catch(() => undefined);
        await pause(backoffMs(attempt), () => this.stopped);
      }
    }
  }

  /**
   * The SAC topic must exist before the group subscribes, or the consumer would not see it until
   * its next metadata refresh: created when configured to, else auto-created by asking for it.
   */
  private async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const topics = [this.topics.sac, this.topics.sacDeadLetters];
      if (this.createTopics) await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
      else await admin.fetchTopicMetadata({ topics });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private degraded(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.current = { ...this.current, status: 'degraded', lastError: message };
  }
}

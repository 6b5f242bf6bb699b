import type { Kafka, Producer } from 'kafkajs';
import type { OutboundMessage } from './outbound-messages';
import type { MessagePublisher } from './outbound-relay';

/** A send not acknowledged within this long counts as failed (and is retried by the caller). */
const SEND_TIMEOUT_MS = 30_000;

/**
 * kafkajs producer behind `MessagePublisher`: waits for every in-sync replica (`acks: -1`);
 * idempotent when configured (a real cluster), else one request in flight so
 * that a retry cannot reorder a case's events. kafkajs retries a few times only (left to itself,
 * an idempotent producer retries forever): the caller's loop owns backoff, status and shutdown.
 * One instance per user: a failure resets only its own connection.
 */
export class KafkaPublisher implements MessagePublisher {
  private producer?: Promise<Producer>;
  private readonly known = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { idempotent: boolean; createTopics: boolean },
  ) {}

  async send(messages: OutboundMessage[]): Promise<void> {
    const connecting = this.connected();
    const byTopic = new Map<string, OutboundMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not acknowledge within ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.deliver(connecting, byTopic), timeout]);
    } catch (error) {
      // Start the next attempt from a fresh connection (and abandon a send that hangs).
      await this.reset(connecting);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.producer) await this.reset(this.producer);
  }

  private async deliver(connecting: Promise<Producer>, byTopic: Map<string, OutboundMessage[]>): Promise<void> {
    const producer = await connecting;
    if (this.options.createTopics) await this.ensureTopics([...byTopic.keys()]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
  }

  private connected(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: this.options.idempotent,
        maxInFlightRequests: this.options.idempotent ? 5 : 1,
        allowAutoTopicCreation: !this.options.createTopics,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  /** Drops this connection if it is still the current one, and disconnects it. */
  private async reset(connecting: Promise<Producer>): Promise<void> {
    if (this.producer === connecting) this.producer = undefined;
    const producer = await connecting.catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
      missing.forEach((t) => this.known.add(t));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

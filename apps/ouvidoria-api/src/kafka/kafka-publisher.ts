import type { Admin, Kafka, Producer } from 'kafkajs';
import type { OutboundMessage } from './outbound-messages';
import type { MessagePublisher } from './outbound-relay';

/**
 * kafkajs producer behind `MessagePublisher`: waits for every in-sync replica (`acks: -1`);
 * idempotent when configured (a real cluster), else one request in flight so that a retry cannot
 * reorder a case's events. Creates topics before first use when configured to.
 */
export class KafkaPublisher implements MessagePublisher {
  private producer?: Producer;
  private readonly known = new Set<string>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { idempotent: boolean; createTopics: boolean },
  ) {}

  async send(messages: OutboundMessage[]): Promise<void> {
    const producer = await this.connected();
    const byTopic = new Map<string, OutboundMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    try {
      if (this.options.createTopics) await this.ensureTopics([...byTopic.keys()]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map(({ key, value, headers }) => ({ key, value, headers })),
        })),
      });
    } catch (error) {
      // Start the next attempt from a fresh connection.
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: this.options.idempotent,
      maxInFlightRequests: this.options.idempotent ? 5 : 1,
      allowAutoTopicCreation: !this.options.createTopics,
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
      missing.forEach((t) => this.known.add(t));
    } finally {
      await admin.disconnect();
    }
  }
}

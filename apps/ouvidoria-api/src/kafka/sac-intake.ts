import { CommandRefused } from '@app/domain';
import { canonicalJson } from '@app/event-store';
import type { CommandBus } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { IdempotencyMismatch } from '../application/errors';
import type { RequestMeta } from '../application/ports';
import { ProblemException } from '../http/problem';
import { validationPipe } from '../http/validation';
import { EscalateFromSacBody } from '../manifestations/escalate-from-sac/escalate-from-sac.body';
import { EscalateFromSac } from '../manifestations/escalate-from-sac/escalate-from-sac.command';
import { backoffMs, pause } from './backoff';
import type { OutboundMessage } from './outbound-messages';
import type { MessagePublisher } from './outbound-relay';
import type { Topics } from './topics';

/** Why a message can never be accepted: it goes to the dead-letter topic. */
class Poison extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IntakeStatus {
  status: 'up' | 'degraded' | 'starting';
  lastError?: string;
  accepted: number;
  deadLettered: number;
}

/**
 * SAC escalations from Kafka: each message is the JSON body of `POST /sac-escalations`, validated
 * by the same rules and registered through the same command, so the same `escalationId` opens one
 * case whichever way it came. An offset is committed only after its message was appended or
 * dead-lettered; a message that can never be accepted goes to `<topic>.dlq` with the reason and
 * never blocks its partition; a store error is retried, not dead-lettered.
 */
export class SacIntake {
  private consumer?: Consumer;
  private stopped = false;
  private starting?: Promise<void>;
  private current: IntakeStatus = { status: 'starting', accepted: 0, deadLettered: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
    private readonly topics: Topics,
    private readonly commandBus: CommandBus,
    private readonly deadLetters: MessagePublisher,
    private readonly createTopics: boolean,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Connects in the background, retrying with backoff: the app serves meanwhile. */
  start(): void {
    this.starting = this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    await this.consumer?.disconnect(); // waits for the message in hand
  }

  status(): IntakeStatus {
    return { ...this.current };
  }

  private async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const consumer = this.kafka.consumer({ groupId: this.group, allowAutoTopicCreation: true });
      try {
        consumer.on(consumer.events.CRASH, ({ payload }) => this.degraded(payload.error));
        consumer.on(consumer.events.GROUP_JOIN, () => (this.current = { ...this.current, status: 'up', lastError: undefined }));
        await this.ensureTopics();
        await consumer.connect();
        await consumer.subscribe({ topic: this.topics.sac, fromBeginning: true });
        await consumer.run({
          autoCommit: false,
          // Partitions are independent: their appends share the store's group commit.
          partitionsConsumedConcurrently: 8,
          eachMessage: async ({ topic, partition, message }) => {
            await this.handle(topic, partition, message);
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
    await admin.connect();
    try {
      const topics = [this.topics.sac, this.topics.sacDeadLetters];
      if (this.createTopics) await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
      else await admin.fetchTopicMetadata({ topics });
    } finally {
      await admin.disconnect();
    }
  }

  /** Appends or dead-letters the message; retries while the store fails, until it stops. */
  private async handle(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.accept(message);
        this.current.accepted++;
        return;
      } catch (error) {
        const poison = asPoison(error);
        if (poison) {
          await this.deadLetter(topic, partition, message, poison);
          return;
        }
        this.degraded(error);
        // Stopping: leave the offset uncommitted; the message is processed again after restart.
        if (this.stopped) throw error;
        await pause(backoffMs(attempt), () => this.stopped);
      }
    }
  }

  private async accept(message: KafkaMessage): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      throw new Poison('MALFORMED_JSON', 'the message value is not JSON');
    }
    const body = (await validationPipe.transform(parsed, { type: 'body', metatype: EscalateFromSacBody })) as EscalateFromSacBody;
    const fingerprint = createHash('sha256').update(canonicalJson(parsed)).digest('hex');
    const meta: RequestMeta = {
      actor: { sub: `kafka:${this.topics.sac}`, role: 'sac-integration' },
      correlationId: header(message, 'correlation-id') ?? `${body.escalationId}`,
      causationId: `kafka:${this.topics.sac}:${message.offset}`,
    };
    await this.commandBus.execute(new EscalateFromSac(body, fingerprint, meta));
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, poison: Poison): Promise<void> {
    const headers: Record<string, string> = {
      'x-error-code': poison.code,
      'x-error-detail': poison.message.slice(0, 1000),
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': message.offset,
    };
    const dead: OutboundMessage = {
      topic: this.topics.sacDeadLetters,
      key: message.key?.toString('utf8') ?? '',
      value: message.value?.toString('utf8') ?? '',
      headers,
    };
    // The dead letter must be acknowledged before the offset moves on; a broker error retries.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deadLetters.send([dead]);
        this.current.deadLettered++;
        this.log(`SAC escalation at ${topic}/${partition}/${message.offset} dead-lettered: ${poison.code}`);
        return;
      } catch (error) {
        if (this.stopped) throw error;
        await pause(backoffMs(attempt), () => this.stopped);
      }
    }
  }

  private degraded(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.current = { ...this.current, status: 'degraded', lastError: message };
  }
}

/** Refusals that no retry can change: invalid input, a refused command, a reused escalationId. */
function asPoison(error: unknown): Poison | null {
  if (error instanceof Poison) return error;
  if (error instanceof ProblemException && error.problem.status < 500) {
    const fields = (error.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    return new Poison(error.problem.code, fields ? `${error.problem.detail} (${fields})` : error.problem.detail);
  }
  if (error instanceof CommandRefused) return new Poison(error.code, error.message);
  if (error instanceof IdempotencyMismatch) return new Poison(error.code, error.message);
  return null;
}

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined ? undefined : Array.isArray(value) ? value[0]?.toString() : value.toString();
}

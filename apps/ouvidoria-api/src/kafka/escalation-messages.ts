import { CommandRefused } from '@app/domain';
import { DamagedEvent, StoreUnavailable } from '@app/event-store';
import type { KafkaMessage } from 'kafkajs';
import { ConcurrentModification, IdempotencyMismatch, ProtocolsExhausted } from '../application/errors';
import { InvalidInput } from '../input/invalid-input';
import type { IncomingMessage } from '../manifestations';
import { backoffMs, pause } from './backoff';
import type { OutboundMessage } from './outbound-messages';
import type { MessagePublisher } from './outbound-relay';
import type { Topics } from './topics';

/** Unforeseen errors are retried this many times before the message is dead-lettered. */
const UNEXPECTED_ATTEMPTS = 4;
/** Retries pause at most this long, well inside the consumer's session timeout. */
const MAX_PAUSE_MS = 5000;

/** Why a message can never be accepted: it goes to the dead-letter topic. */
class Poison extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What one SAC-escalation message becomes: accepted by the use case's message handler
 * (`EscalationMessageHandler`), or, when it can never be accepted, a dead letter with the reason.
 * A store error is retried until it passes or the intake stops.
 */
export class EscalationMessages {
  accepted = 0;
  deadLettered = 0;
  /** The last attempt failed and is being retried. */
  failing = false;

  constructor(
    private readonly accept: (message: IncomingMessage) => Promise<void>,
    private readonly deadLetters: MessagePublisher,
    private readonly topics: Pick<Topics, 'sac' | 'sacDeadLetters'>,
    private readonly stopped: () => boolean,
    private readonly onError: (error: unknown) => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /**
   * Appends or dead-letters the message. A transient failure (the store busy or failing, a race)
   * is retried until it passes or the intake stops; any other unforeseen error is retried a few
   * times, then dead-lettered as UNEXPECTED, so that no message can hold its partition forever.
   * `heartbeat` keeps the consumer in its group while it retries.
   */
  async handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.accept({
          topic,
          partition,
          offset: message.offset,
          value: message.value,
          correlationId: header(message, 'correlation-id'),
        });
        this.accepted++;
        this.failing = false;
        return;
      } catch (error) {
        const poison = asPoison(error) ?? (isTransient(error) || attempt < UNEXPECTED_ATTEMPTS ? null : unexpected(error));
        if (poison) {
          await this.deadLetter(topic, partition, message, poison, heartbeat);
          this.failing = false;
          return;
        }
        this.failing = true;
        this.onError(error);
        // Stopping: leave the offset uncommitted; the message is processed again after restart.
        if (this.stopped()) throw error;
        await pause(backoffMs(attempt, MAX_PAUSE_MS), this.stopped);
        await heartbeat();
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    poison: Poison,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    // The original key, value and headers, unchanged, and why.
    const original = Object.fromEntries(
      Object.entries(message.headers ?? {}).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, Array.isArray(value) ? value[0] : value]],
      ),
    );
    const dead: OutboundMessage = {
      topic: this.topics.sacDeadLetters,
      key: message.key,
      value: message.value,
      headers: {
        ...original,
        'x-error-code': poison.code,
        'x-error-detail': poison.message.slice(0, 1000),
        'x-original-topic': topic,
        'x-original-partition': String(partition),
        'x-original-offset': message.offset,
      },
    };
    // The dead letter must be acknowledged before the offset moves on; a broker error retries.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deadLetters.send([dead]);
        this.deadLettered++;
        this.log(`SAC escalation at ${topic}/${partition}/${message.offset} dead-lettered: ${poison.code}`);
        return;
      } catch (error) {
        this.onError(error);
        if (this.stopped()) throw error;
        await pause(backoffMs(attempt, MAX_PAUSE_MS), this.stopped);
        await heartbeat();
      }
    }
  }
}

/**
 * Failures that pass with time: the store busy or failing, a damaged event an operator restores, a
 * race lost twice, the day's protocols taken. Dead-lettering them would lose an escalation.
 */
function isTransient(error: unknown): boolean {
  return [StoreUnavailable, DamagedEvent, ConcurrentModification, ProtocolsExhausted].some((kind) => error instanceof kind);
}

function unexpected(error: unknown): Poison {
  return new Poison('UNEXPECTED', `failed ${UNEXPECTED_ATTEMPTS + 1} times: ${error instanceof Error ? error.message : String(error)}`);
}

/** Refusals that no retry can change: invalid input, a refused command, a reused escalationId. */
function asPoison(error: unknown): Poison | null {
  if (error instanceof InvalidInput) {
    const fields = error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new Poison(error.code, fields ? `${error.message} (${fields})` : error.message);
  }
  if (error instanceof CommandRefused) return new Poison(error.code, error.message);
  if (error instanceof IdempotencyMismatch) return new Poison(error.code, error.message);
  return null;
}

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined ? undefined : Array.isArray(value) ? value[0]?.toString() : value.toString();
}

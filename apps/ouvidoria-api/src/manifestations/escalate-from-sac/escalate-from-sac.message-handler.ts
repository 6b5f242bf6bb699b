import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import { HEADER_VALUE } from '../../input/validators';
import { parseJson } from '../../input/json';
import { EscalateFromSacCommand } from './escalate-from-sac.command';
import { escalationRequest } from './escalation-request';

/** A message as this use case needs it, whatever broker delivered it. */
export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  value: Buffer | null;
  /** The `correlation-id` header, when there is one. */
  correlationId?: string;
}

/**
 * The SAC escalation use case's message adapter (beside its HTTP controller): the message value
 * is the JSON body of `POST /sac-escalations`, judged by the same rules and registered by the same
 * command, so one `escalationId` opens one manifestation whichever way it came. Throws
 * `InvalidInput` for what can never be accepted; the consumer decides what to do with failures.
 */
@Injectable()
export class EscalationMessageHandler {
  constructor(private readonly commandBus: CommandBus) {}

  async handle({ topic, partition, offset, value, correlationId }: IncomingMessage): Promise<void> {
    const request = await escalationRequest(parseJson(value?.toString('utf8') ?? ''));
    const meta: RequestMeta = {
      actor: { sub: `kafka:${topic}`, role: 'sac-integration' },
      // The same rule as X-Correlation-Id over HTTP; a header that breaks it is not carried.
      correlationId: correlationId !== undefined && HEADER_VALUE.test(correlationId) ? correlationId : request.escalation.escalationId,
      causationId: `kafka:${topic}:${partition}:${offset}`,
    };
    await this.commandBus.execute(new EscalateFromSacCommand(request, meta, false));
  }
}

import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import type { Registered } from '../register-manifestation/register-manifestation.command';
import type { EscalationRequest } from './escalation-request';

export class EscalateFromSacCommand extends Command<Registered> {
  constructor(
    readonly request: EscalationRequest,
    readonly meta: RequestMeta,
    /**
     * Whether the answer hands the requester an access code: over HTTP the SAC system tells it to
     * them; a Kafka message has no answer to carry it, so none is made (the Ouvidoria issues one).
     */
    readonly issueAccessCode: boolean,
  ) {
    super();
  }
}

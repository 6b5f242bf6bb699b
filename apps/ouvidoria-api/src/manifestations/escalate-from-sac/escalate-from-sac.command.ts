import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import type { Registered } from '../register-manifestation/register-manifestation.command';
import type { EscalationRequest } from './escalation-request';

export class EscalateFromSacCommand extends Command<Registered> {
  constructor(
    readonly request: EscalationRequest,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

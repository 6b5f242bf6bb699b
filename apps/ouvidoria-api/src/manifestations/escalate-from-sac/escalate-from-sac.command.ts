import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import type { RegisteredCase } from '../register-manifestation/register-manifestation.command';
import type { EscalateFromSacBody } from './escalate-from-sac.body';

export class EscalateFromSac extends Command<RegisteredCase> {
  constructor(
    readonly body: EscalateFromSacBody,
    /** Digest of the body: the same escalationId with another body is refused. */
    readonly fingerprint: string,
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

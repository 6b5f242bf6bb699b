import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRegistration, type BuildRegistration } from '../../application/case-registration';
import { IdempotencyMismatch } from '../../application/errors';
import { CaseReader } from '../../application/case-reader';
import type { RegisteredCase } from '../register-manifestation/register-manifestation.command';
import { registrationData } from '../register-manifestation/registration-data';
import { EscalateFromSac } from './escalate-from-sac.command';

/** Idempotent by escalationId: SAC systems retry, and one escalation is one case. */
@CommandHandler(EscalateFromSac)
export class EscalateFromSacHandler implements ICommandHandler<EscalateFromSac, RegisteredCase> {
  constructor(
    private readonly registration: CaseRegistration,
    private readonly cases: CaseReader,
  ) {}

  async execute({ body, fingerprint, meta }: EscalateFromSac): Promise<RegisteredCase> {
    const { escalationId, sacProtocol, escalatedAt, reason } = body;
    const build: BuildRegistration = (protocol, now) => ({
      type: 'EscalateFromSac',
      data: { ...registrationData(body, protocol), escalationId, sacProtocol, escalatedAt: new Date(escalatedAt), reason },
      metadata: { now },
    });
    const claim = {
      streamId: `sac-escalation-${escalationId}`,
      fingerprint,
      mismatch: () =>
        new IdempotencyMismatch('ESCALATION_ID_REUSED', `escalation ${escalationId} was already received with a different body`),
    };
    const result = await this.registration.registerOnce(claim, build, meta);
    if (result.created) return { ...result.outcome, created: true };
    return { ...(await this.cases.load(result.protocol))!, created: false };
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IdempotencyMismatch } from '../../application/errors';
import { ACCESS_CODES, type AccessCodes } from '../../application/ports';
import { ManifestationRegistration, type BuildRegistration } from '../manifestation-registration';
import { ManifestationStreams } from '../manifestation-streams';
import type { Registered } from '../register-manifestation/register-manifestation.command';
import { registrationData } from '../register-manifestation/registration-data';
import { EscalateFromSacCommand } from './escalate-from-sac.command';

/** Idempotent by escalationId: SAC systems retry, and one escalation is one manifestation. */
@CommandHandler(EscalateFromSacCommand)
export class EscalateFromSacHandler implements ICommandHandler<EscalateFromSacCommand, Registered> {
  constructor(
    private readonly registration: ManifestationRegistration,
    private readonly manifestations: ManifestationStreams,
    @Inject(ACCESS_CODES) private readonly accessCodes: AccessCodes,
  ) {}

  async execute({ request: { escalation, fingerprint }, meta, issueAccessCode }: EscalateFromSacCommand): Promise<Registered> {
    const { escalationId, sacProtocol, escalatedAt, reason } = escalation;
    const accessCode = issueAccessCode ? await this.accessCodes.issue() : undefined;
    const build: BuildRegistration = (protocol, now) => ({
      type: 'EscalateFromSac',
      data: {
        ...registrationData(escalation, protocol),
        escalationId,
        sacProtocol,
        escalatedAt: new Date(escalatedAt),
        reason,
        ...(accessCode ? { accessCodeHash: accessCode.hash } : {}),
      },
      metadata: { now },
    });
    const claim = {
      streamId: `sac-escalation-${escalationId}`,
      fingerprint,
      mismatch: () =>
        new IdempotencyMismatch('ESCALATION_ID_REUSED', `escalation ${escalationId} was already received with a different body`),
    };
    const result = await this.registration.registerOnce(claim, build, meta);
    if (result.created) return { ...result.outcome, created: true, ...(accessCode ? { accessCode: accessCode.code } : {}) };
    return { ...(await this.manifestations.load(result.protocol))!, created: false };
  }
}

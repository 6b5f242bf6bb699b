import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRegistration, type BuildRegistration } from '../../application/case-registration';
import { IdempotencyMismatch } from '../../application/errors';
import { foldManifestation, manifestationStreamId } from '../../application/manifestation-stream';
import type { RegisteredCase } from '../register-manifestation/register-manifestation.command';
import { registrationData } from '../register-manifestation/registration-data';
import { EscalateFromSac } from './escalate-from-sac.command';

/** Idempotent by escalationId: SAC systems retry, and one escalation is one case. */
@CommandHandler(EscalateFromSac)
export class EscalateFromSacHandler implements ICommandHandler<EscalateFromSac, RegisteredCase> {
  constructor(
    private readonly registration: CaseRegistration,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
    const events = await this.store.readStream(manifestationStreamId(result.protocol));
    return { manifestation: foldManifestation(events)!, revision: events[events.length - 1].revision, created: false };
  }
}

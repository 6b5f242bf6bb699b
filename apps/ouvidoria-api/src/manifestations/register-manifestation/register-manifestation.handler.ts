import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { IdempotencyMismatch } from '../../application/errors';
import { ACCESS_CODES, type AccessCodes } from '../../application/ports';
import { ManifestationRegistration, type BuildRegistration } from '../manifestation-registration';
import { ManifestationStreams } from '../manifestation-streams';
import { RegisterManifestationCommand, type Registered } from './register-manifestation.command';
import { registrationData } from './registration-data';

/** Revision of a directly registered manifestation right after registration: the first response's ETag. */
const FIRST_REVISION = 0n;

@CommandHandler(RegisterManifestationCommand)
export class RegisterManifestationHandler implements ICommandHandler<RegisterManifestationCommand, Registered> {
  constructor(
    private readonly registration: ManifestationRegistration,
    private readonly manifestations: ManifestationStreams,
    @Inject(ACCESS_CODES) private readonly accessCodes: AccessCodes,
  ) {}

  async execute({ registration, meta, idempotency }: RegisterManifestationCommand): Promise<Registered> {
    const { receivedAt } = registration;
    const accessCode = await this.accessCodes.issue();
    const build: BuildRegistration = (protocol, now) => ({
      type: 'RegisterManifestation',
      data: {
        ...registrationData(registration, protocol),
        receivedAt: receivedAt ? new Date(receivedAt) : undefined,
        accessCodeHash: accessCode.hash,
      },
      metadata: { now },
    });
    if (!idempotency) return { ...(await this.registration.register(build, meta)), created: true, accessCode: accessCode.code };

    // Keys are scoped to the caller (token subject and role): two clients may pick the same key.
    const scope = createHash('sha256').update(`${meta.actor.role}\n${meta.actor.sub}\n${idempotency.key}`).digest('hex');
    const claim = {
      streamId: `idempotency-${scope}`,
      fingerprint: idempotency.fingerprint,
      mismatch: () => new IdempotencyMismatch('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different body'),
    };
    const result = await this.registration.registerOnce(claim, build, meta);
    if (result.created) return { ...result.outcome, created: true, accessCode: accessCode.code };
    // Replay the first response: the manifestation as it stood when it was registered.
    return { ...(await this.manifestations.load(result.protocol, { revision: FIRST_REVISION }))!, created: false };
  }
}

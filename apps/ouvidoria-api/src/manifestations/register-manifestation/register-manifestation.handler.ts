import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { CaseRegistration, type BuildRegistration } from '../../application/case-registration';
import { IdempotencyMismatch } from '../../application/errors';
import { CaseReader } from '../../application/case-reader';
import { RegisterManifestation, type RegisteredCase } from './register-manifestation.command';
import { registrationData } from './registration-data';

/** Revision of a directly registered case right after registration: the first response's ETag. */
const FIRST_REVISION = 0n;

@CommandHandler(RegisterManifestation)
export class RegisterManifestationHandler implements ICommandHandler<RegisterManifestation, RegisteredCase> {
  constructor(
    private readonly registration: CaseRegistration,
    private readonly cases: CaseReader,
  ) {}

  async execute({ body, meta, idempotency }: RegisterManifestation): Promise<RegisteredCase> {
    const build: BuildRegistration = (protocol, now) => ({
      type: 'RegisterManifestation',
      data: { ...registrationData(body, protocol), receivedAt: body.receivedAt ? new Date(body.receivedAt) : undefined },
      metadata: { now },
    });
    if (!idempotency) return { ...(await this.registration.register(build, meta)), created: true };

    // Keys are scoped to the caller (token subject and role): two clients may pick the same key.
    const scope = createHash('sha256').update(`${meta.actor.role}\n${meta.actor.sub}\n${idempotency.key}`).digest('hex');
    const claim = {
      streamId: `idempotency-${scope}`,
      fingerprint: idempotency.fingerprint,
      mismatch: () =>
        new IdempotencyMismatch('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used with a different body'),
    };
    const result = await this.registration.registerOnce(claim, build, meta);
    if (result.created) return { ...result.outcome, created: true };
    // Replay the first response: the case as it stood when it was registered.
    return { ...(await this.cases.load(result.protocol, { revision: FIRST_REVISION }))!, created: false };
  }
}

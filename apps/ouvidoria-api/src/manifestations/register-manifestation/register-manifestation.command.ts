import type { Manifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { RequestMeta } from '../../application/ports';
import type { RegisterManifestationBody } from './register-manifestation.body';

/**
 * A registration's answer: false `created` when an Idempotency-Key or escalationId replayed an
 * earlier one. `accessCode` is the requester's, in clear this once (only its hash is kept): on a
 * new registration, never on a replay.
 */
export type Registered = Outcome<Manifestation> & { created: boolean; accessCode?: string };

export class RegisterManifestationCommand extends Command<Registered> {
  constructor(
    readonly registration: RegisterManifestationBody,
    readonly meta: RequestMeta,
    /** `Idempotency-Key` and the digest of the body it came with. */
    readonly idempotency?: { key: string; fingerprint: string },
  ) {
    super();
  }
}

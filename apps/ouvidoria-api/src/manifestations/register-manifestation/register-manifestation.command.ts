import type { Manifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import type { RegisterManifestationBody } from './register-manifestation.body';

export interface RegisteredCase {
  manifestation: Manifestation;
  revision: bigint;
  position?: bigint;
  /** False when an Idempotency-Key replayed an earlier registration. */
  created: boolean;
}

export class RegisterManifestation extends Command<RegisteredCase> {
  constructor(
    readonly body: RegisterManifestationBody,
    readonly meta: RequestMeta,
    readonly idempotency?: { key: string; fingerprint: string },
  ) {
    super();
  }
}

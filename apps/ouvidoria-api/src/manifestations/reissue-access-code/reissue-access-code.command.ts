import type { Manifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

/** The requester lost their code: a new one replaces it; the answer carries it in clear, once. */
export class ReissueAccessCodeCommand extends Command<Outcome<Manifestation> & { accessCode: string }> {
  constructor(readonly target: ManifestationTarget) {
    super();
  }
}

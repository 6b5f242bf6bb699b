import type { Manifestation, AnswerManifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

export class AnswerManifestationCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: AnswerManifestation['data'],
  ) {
    super();
  }
}

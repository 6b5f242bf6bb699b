import type { Manifestation, ConvertReanalise } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

export class ConvertReanaliseCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: ConvertReanalise['data'],
  ) {
    super();
  }
}

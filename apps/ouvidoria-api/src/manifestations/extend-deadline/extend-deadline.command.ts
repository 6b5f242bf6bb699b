import type { Manifestation, ExtendDeadline } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

export class ExtendDeadlineCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: ExtendDeadline['data'],
  ) {
    super();
  }
}

import type { Manifestation, CloseManifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

export class CloseManifestationCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: CloseManifestation['data'],
  ) {
    super();
  }
}

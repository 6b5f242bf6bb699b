import type { ManifestationCommand, ManifestationState } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { RunOptions } from '../application/command-path';
import type { CaseOutcome } from '../application/manifestation-command-path';

/**
 * Any command on an existing case. Each use case builds its domain command in its own
 * controller; they all share this one load → decide → append path.
 */
export class ActOnManifestation extends Command<CaseOutcome> {
  constructor(
    readonly protocol: string,
    readonly build: (now: Date) => ManifestationCommand,
    readonly options: RunOptions<ManifestationState>,
  ) {
    super();
  }
}

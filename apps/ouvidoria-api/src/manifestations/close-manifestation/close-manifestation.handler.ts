import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { CloseManifestationCommand } from './close-manifestation.command';

@CommandHandler(CloseManifestationCommand)
export class CloseManifestationHandler implements ICommandHandler<CloseManifestationCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: CloseManifestationCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'CloseManifestation', data, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

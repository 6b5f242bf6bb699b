import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { ClassifyManifestationCommand } from './classify-manifestation.command';

@CommandHandler(ClassifyManifestationCommand)
export class ClassifyManifestationHandler implements ICommandHandler<ClassifyManifestationCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: ClassifyManifestationCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'ClassifyManifestation', data, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

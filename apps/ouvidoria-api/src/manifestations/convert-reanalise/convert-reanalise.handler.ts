import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { ConvertReanaliseCommand } from './convert-reanalise.command';

@CommandHandler(ConvertReanaliseCommand)
export class ConvertReanaliseHandler implements ICommandHandler<ConvertReanaliseCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: ConvertReanaliseCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(target.protocol, (now) => ({ type: 'ConvertReanalise', data, metadata: { now } }), runOptionsOf(target));
  }
}

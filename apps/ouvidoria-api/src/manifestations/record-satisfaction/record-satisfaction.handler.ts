import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { RecordSatisfactionCommand } from './record-satisfaction.command';

@CommandHandler(RecordSatisfactionCommand)
export class RecordSatisfactionHandler implements ICommandHandler<RecordSatisfactionCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: RecordSatisfactionCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'RecordSatisfaction', data, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

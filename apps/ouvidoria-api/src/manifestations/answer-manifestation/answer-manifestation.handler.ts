import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { AnswerManifestationCommand } from './answer-manifestation.command';

@CommandHandler(AnswerManifestationCommand)
export class AnswerManifestationHandler implements ICommandHandler<AnswerManifestationCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: AnswerManifestationCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'AnswerManifestation', data, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

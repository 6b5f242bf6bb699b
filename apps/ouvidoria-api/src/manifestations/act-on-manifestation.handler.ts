import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ManifestationCommandPath, type CaseOutcome } from '../application/manifestation-command-path';
import { ActOnManifestation } from './act-on-manifestation.command';

@CommandHandler(ActOnManifestation)
export class ActOnManifestationHandler implements ICommandHandler<ActOnManifestation, CaseOutcome> {
  constructor(private readonly commandPath: ManifestationCommandPath) {}

  execute({ protocol, build, options }: ActOnManifestation): Promise<CaseOutcome> {
    return this.commandPath.run(protocol, build, options);
  }
}

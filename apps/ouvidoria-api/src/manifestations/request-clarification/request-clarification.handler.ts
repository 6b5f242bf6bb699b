import type { Manifestation } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { RequestClarificationCommand } from './request-clarification.command';

@CommandHandler(RequestClarificationCommand)
export class RequestClarificationHandler implements ICommandHandler<RequestClarificationCommand, Outcome<Manifestation>> {
  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  execute({ target, data }: RequestClarificationCommand): Promise<Outcome<Manifestation>> {
    // One id for both attempts of the command path: a retried decision asks once.
    const clarificationId = this.ids.uuid();
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'RequestClarification', data: { ...data, clarificationId }, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

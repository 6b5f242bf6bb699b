import type { Manifestation } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { ForwardToManagementCommand } from './forward-to-management.command';

const DEFAULT_DUE_IN_BUSINESS_DAYS = 3;

@CommandHandler(ForwardToManagementCommand)
export class ForwardToManagementHandler implements ICommandHandler<ForwardToManagementCommand, Outcome<Manifestation>> {
  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  execute({ target, data }: ForwardToManagementCommand): Promise<Outcome<Manifestation>> {
    // One id for both attempts of the command path: a retried decision forwards once.
    const forwardingId = this.ids.uuid();
    const dueInBusinessDays = data.dueInBusinessDays ?? DEFAULT_DUE_IN_BUSINESS_DAYS;
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'ForwardToManagement', data: { ...data, forwardingId, dueInBusinessDays }, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { onlyForwardingsTo } from '../department-view';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { ReplyFromManagementCommand } from './reply-from-management.command';

/** A department replies only to its own forwardings; to any other, or an unknown manifestation, the same 404. */
@CommandHandler(ReplyFromManagementCommand)
export class ReplyFromManagementHandler implements ICommandHandler<ReplyFromManagementCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: ReplyFromManagementCommand): Promise<Outcome<Manifestation>> {
    const { department } = target.meta.actor;
    return this.manifestations.act(target.protocol, (now) => ({ type: 'ReplyFromManagement', data, metadata: { now } }), {
      ...runOptionsOf(target),
      authorize: department ? onlyForwardingsTo(department, data.forwardingId) : undefined,
    });
  }
}

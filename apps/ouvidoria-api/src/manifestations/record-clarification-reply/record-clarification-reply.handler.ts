import type { Manifestation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { RecordClarificationReplyCommand } from './record-clarification-reply.command';

@CommandHandler(RecordClarificationReplyCommand)
export class RecordClarificationReplyHandler implements ICommandHandler<RecordClarificationReplyCommand, Outcome<Manifestation>> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ target, data }: RecordClarificationReplyCommand): Promise<Outcome<Manifestation>> {
    return this.manifestations.act(
      target.protocol,
      (now) => ({ type: 'ReplyToClarification', data, metadata: { now } }),
      runOptionsOf(target),
    );
  }
}

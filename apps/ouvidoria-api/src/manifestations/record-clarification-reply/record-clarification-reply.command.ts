import type { Manifestation, ReplyToClarification } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

/** The requester's reply to a clarification request: sent by them (public route) or taken by an analyst. */
export class RecordClarificationReplyCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: ReplyToClarification['data'],
  ) {
    super();
  }
}

import type { Attachment, AttachmentSource, Manifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

/** A file as it arrived: its name as the client gave it, its bytes. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

export type AttachmentAnswer = Outcome<Manifestation> & { attachment: Attachment };

export class AddAttachmentCommand extends Command<AttachmentAnswer> {
  constructor(
    readonly target: ManifestationTarget,
    readonly upload: Upload,
    readonly addedBy: AttachmentSource,
  ) {
    super();
  }
}

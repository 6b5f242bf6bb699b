import { CommandRefused, manifestationStreamId } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports';
import { BLOB_STORE, type BlobStore } from '../../attachments/blob-store/blob-store';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SUBJECT_KEYS, type SubjectKeys } from '../../personal-data/subject-keys';
import { problem, ProblemException } from '../../problems/problem';
import { runOptionsOf } from '../manifestation-action';
import { ManifestationStreams } from '../manifestation-streams';
import { AddAttachmentCommand, type AttachmentAnswer } from './add-attachment.command';
import { blobCall } from './blob-call';
import { sniffMediaType } from './sniff-media-type';

/**
 * Joins a file to a case: its type sniffed from its bytes, the bytes sealed with the data
 * subject's key and made durable in the blob store before the event that names them is appended.
 * What the case refuses (unknown, closed, full) is refused before anything is written; a file
 * whose event is then refused or not written is deleted again. Only a crash between the two
 * leaves a sealed file no event names.
 */
@CommandHandler(AddAttachmentCommand)
export class AddAttachmentHandler implements ICommandHandler<AddAttachmentCommand, AttachmentAnswer> {
  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ target, upload, addedBy }: AddAttachmentCommand): Promise<AttachmentAnswer> {
    const { types, maxCaseBytes } = this.config.attachments;
    const mediaType = sniffMediaType(upload.bytes);
    if (!mediaType || !types.includes(mediaType)) {
      const detail = `the file's content is not one of ${types.join(', ')} (judged from its bytes, not its name)`;
      throw new ProblemException(problem(415, 'ATTACHMENT_TYPE_NOT_ALLOWED', detail));
    }
    const current = await this.manifestations.load(target.protocol);
    const stored = current?.state.attachments.reduce((sum, a) => sum + a.size, 0) ?? 0;
    if (stored + upload.bytes.length > maxCaseBytes) {
      const detail = `the case holds ${stored} bytes of attachments; with this file it would pass its ${maxCaseBytes}`;
      throw new ProblemException(problem(413, 'CASE_ATTACHMENTS_FULL', detail));
    }
    if (!current) throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${target.protocol}`));
    if (current.state.status === 'CLOSED') throw new ProblemException(problem(409, 'CASE_CLOSED', 'the manifestation is closed'));

    const attachmentId = this.ids.uuid();
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const { sealed, keyId } = await this.keys.sealFile(manifestationStreamId(target.protocol), attachmentId, upload.bytes);
    const blobKey = await blobCall(() => this.blobs.put(sealed));
    const data = { attachmentId, name: upload.name, mediaType, size: upload.bytes.length, sha256, blobKey, keyId, addedBy, maxCaseBytes };
    let outcome;
    try {
      outcome = await this.manifestations.act(
        target.protocol,
        (now) => ({ type: 'AddAttachment', data, metadata: { now } }),
        runOptionsOf(target),
      );
    } catch (error) {
      // Refused (another upload filled the case meanwhile, If-Match, closed) or not written: the file goes too.
      await this.blobs.delete(blobKey).catch(() => undefined);
      if (error instanceof CommandRefused && error.code === 'CASE_ATTACHMENTS_FULL') {
        throw new ProblemException(problem(413, 'CASE_ATTACHMENTS_FULL', error.message));
      }
      throw error;
    }
    return { ...outcome, attachment: outcome.state.attachments.find((a) => a.attachmentId === attachmentId)! };
  }
}

import { ERASED, forwardingsTo, manifestationStreamId, type Attachment } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BLOB_STORE, BlobDamaged, type BlobStore } from '../../attachments/blob-store/blob-store';
import { SealedValueRejected } from '../../personal-data/field-cipher';
import { SUBJECT_KEYS, type SubjectKeys } from '../../personal-data/subject-keys';
import { problem, ProblemException } from '../../problems/problem';
import { ManifestationStreams } from '../manifestation-streams';
import { blobCall } from './blob-call';

const notFound = () => new ProblemException(problem(404, 'ATTACHMENT_NOT_FOUND', 'no such attachment'));
/** A file the store should hold and does not serve as stored: an operator restores it; clients may retry later. */
const unservable = (code: string, id: string, what: string) =>
  new ProblemException(problem(503, code, `the stored file of attachment ${id} ${what}; restore it from a backup`), {
    'retry-after': '3600',
  });
const damaged = (id: string) => unservable('ATTACHMENT_DAMAGED', id, 'does not match its SHA-256');
const missing = (id: string) => unservable('ATTACHMENT_MISSING', id, 'is not in the attachment store');
const erased = () => new ProblemException(problem(410, 'ATTACHMENT_ERASED', "the file was erased with its requester's personal data"));

/**
 * An attachment's bytes for a reader: a department only when one of its forwardings shared it (the
 * same 404 otherwise, whether the case or the file exists or not); checked against the SHA-256
 * recorded when it was added, so a changed file is never served.
 */
@Injectable()
export class AttachmentFiles {
  constructor(
    private readonly manifestations: ManifestationStreams,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
  ) {}

  async read(protocol: string, attachmentId: string, department?: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
    const found = await this.manifestations.load(protocol);
    const attachment = found?.state.attachments.find((a) => a.attachmentId === attachmentId);
    if (!found || !attachment) throw notFound();
    if (department && !forwardingsTo(found.state, department).some((f) => f.attachmentIds.includes(attachmentId))) throw notFound();
    // Its name reads [erased] once the requester's keys are gone: the file went with them.
    if (attachment.name === ERASED) throw erased();
    let sealed: Buffer | null;
    try {
      sealed = await blobCall(() => this.blobs.get(attachment.blobKey));
    } catch (error) {
      if (error instanceof BlobDamaged) throw damaged(attachmentId);
      throw error;
    }
    if (!sealed) throw missing(attachmentId);
    const bytes = await this.opened(protocol, attachment, sealed);
    if (!bytes) throw erased();
    if (createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) throw damaged(attachmentId);
    return { attachment, bytes };
  }

  /** Sealed bytes that do not authenticate (changed, or put under another case's file) are as damaged as a changed hash. */
  private async opened(protocol: string, attachment: Attachment, sealed: Buffer): Promise<Buffer | null> {
    try {
      return await this.keys.openFile(manifestationStreamId(protocol), attachment.keyId, attachment.attachmentId, sealed);
    } catch (error) {
      if (error instanceof SealedValueRejected) throw damaged(attachment.attachmentId);
      throw error;
    }
  }
}

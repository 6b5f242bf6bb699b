import type { Attachment } from '@app/domain';

/** An attachment as the API shows it: where its bytes are stored and with which key stays inside. */
export type AttachmentView = Omit<Attachment, 'blobKey' | 'keyId'>;

export const attachmentView = ({ blobKey: _, keyId: __, ...shown }: Attachment): AttachmentView => shown;

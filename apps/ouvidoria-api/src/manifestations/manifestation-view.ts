import type { Manifestation } from '@app/domain';
import type { FastifyReply } from 'fastify';
import type { Outcome } from '../application/command-path';
import { setVersionHeaders } from '../http/version-headers';
import { attachmentView, type AttachmentView } from './attachments/attachment-view';

/**
 * The manifestation as the API shows it: the folded state plus its revision (the ETag). Of the
 * requester's access code only when it was issued; its hash is never shown. A new registration's
 * answer carries the code itself, this once.
 */
export type ManifestationView = Omit<Manifestation, 'accessCode' | 'attachments'> & {
  attachments: AttachmentView[];
  revision: number;
  accessCodeIssuedAt: string | null;
  accessCode?: string;
};

export const toView = ({ state, revision }: Pick<Outcome<Manifestation>, 'state' | 'revision'>): ManifestationView => {
  const { accessCode, ...shown } = state;
  return {
    ...shown,
    attachments: shown.attachments.map(attachmentView),
    accessCodeIssuedAt: accessCode?.issuedAt ?? null,
    revision: Number(revision),
  };
};

/** A new registration's answer: the view with the requester's access code in clear, when one was issued. */
export const withAccessCode = (view: ManifestationView, accessCode: string | undefined): ManifestationView =>
  accessCode ? { ...view, accessCode } : view;

/** Sets the headers and returns the body. */
export function manifestationResponse(reply: FastifyReply, outcome: Outcome<Manifestation>): ManifestationView {
  setVersionHeaders(reply, outcome);
  return toView(outcome);
}

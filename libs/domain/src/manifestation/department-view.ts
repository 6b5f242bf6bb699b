import type { ManifestationStatus, ManifestationType, Theme } from './codes';
import type { IsoInstant, Requester } from './events';
import type { Attachment, Forwarding, Manifestation } from './state';

/** What the department views read of a case: anything but its access code. */
type CaseFacts = Omit<Manifestation, 'accessCode' | 'attachments'> & { attachments: SharedAttachment[] };

export type DepartmentRequester = Pick<Requester, 'kind' | 'name' | 'document' | 'beneficiaryCard' | 'email' | 'phone'>;

/**
 * What a department may see of the requester (LGPD: only what it needs). Nothing for a DENUNCIA,
 * whose requester must stay protected; otherwise the kind of requester, and who they are (name,
 * CPF/CNPJ, beneficiary card) and how to reach them only when the forwarding shared them: most
 * departments can review a case without knowing whose it is.
 */
export function requesterForDepartment(type: ManifestationType, requester: Requester, shareContact: boolean): DepartmentRequester | null {
  if (type === 'DENUNCIA') return null;
  const { kind, name, document, beneficiaryCard, email, phone } = requester;
  const shown: DepartmentRequester = shareContact ? { kind, name, document, beneficiaryCard, email, phone } : { kind };
  return Object.fromEntries(Object.entries(shown).filter(([, value]) => value != null)) as DepartmentRequester;
}

/** What a department sees of a case forwarded to it: its own forwardings, the requester minimised. */
export interface DepartmentManifestationView {
  protocol: string;
  type: ManifestationType;
  status: ManifestationStatus;
  theme: Theme | null;
  subject: string;
  description: string;
  receivedAt: IsoInstant;
  deadline: IsoInstant;
  /** Absent for a DENUNCIA; contact data only when one of the department's forwardings shared it. */
  requester?: DepartmentRequester;
  forwardings: Forwarding[];
  /** The attachments its forwardings shared. */
  attachments: SharedAttachment[];
}

export type SharedAttachment = Omit<Attachment, 'blobKey' | 'keyId'>;

/** The department's forwardings on a case (with `forwardingId`, just that one); empty when none. */
export function forwardingsTo(state: Pick<Manifestation, 'forwardings'> | null, department: string, forwardingId?: string): Forwarding[] {
  if (state === null) return [];
  return state.forwardings.filter((f) => f.department === department && (forwardingId === undefined || f.forwardingId === forwardingId));
}

/** The case as `department` may see it, or null when nothing of it was forwarded there. */
export function manifestationForDepartment(state: CaseFacts | null, department: string): DepartmentManifestationView | null {
  const forwardings = forwardingsTo(state, department);
  if (state === null || forwardings.length === 0) return null;
  const shareContact = forwardings.some((f) => f.shareRequesterContact);
  const requester = requesterForDepartment(state.type, state.requester, shareContact);
  const { protocol, type, status, theme, subject, description, receivedAt, deadline } = state;
  const shared = new Set(forwardings.flatMap((f) => f.attachmentIds));
  const attachments = state.attachments
    .filter((a) => shared.has(a.attachmentId))
    .map(({ attachmentId, name, mediaType, size, sha256, addedBy, addedAt }) => ({
      attachmentId,
      name,
      mediaType,
      size,
      sha256,
      addedBy,
      addedAt,
    }));
  return {
    protocol,
    type,
    status,
    theme,
    subject,
    description,
    receivedAt,
    deadline,
    ...(requester ? { requester } : {}),
    forwardings,
    attachments,
  };
}

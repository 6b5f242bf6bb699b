import type { ManifestationType } from './codes';
import type { Requester } from './events';

export type DepartmentRequester = Pick<Requester, 'kind' | 'name' | 'document' | 'beneficiaryCard' | 'email' | 'phone'>;

/**
 * What a department may see of the requester (LGPD: only what it needs). Nothing for a DENUNCIA,
 * whose requester must stay protected; otherwise who they are, and how to reach them only when
 * the forwarding shared it.
 */
export function requesterForDepartment(
  type: ManifestationType,
  requester: Requester,
  shareContact: boolean,
): DepartmentRequester | null {
  if (type === 'DENUNCIA') return null;
  const { kind, name, document, beneficiaryCard, email, phone } = requester;
  const shown: DepartmentRequester = { kind, name, document, beneficiaryCard, ...(shareContact ? { email, phone } : {}) };
  return Object.fromEntries(Object.entries(shown).filter(([, value]) => value != null)) as DepartmentRequester;
}

import { caseForDepartment, forwardingsTo, notFound, type DepartmentCaseView, type ManifestationState } from '@app/domain';
import type { ManifestationView } from './manifestation-view';

/** A case as a department sees it, with the revision for If-Match. */
export type DepartmentCaseResponse = DepartmentCaseView & { revision: number };

/** The department's view of a case view; null when nothing of it was forwarded there. */
export function forDepartment(view: ManifestationView, department: string): DepartmentCaseResponse | null {
  const scoped = caseForDepartment(view, department);
  return scoped && { ...scoped, revision: view.revision };
}

/**
 * Lets a department act on a forwarding only when it went to that department. The refusal is
 * the same whether the case exists or not: a department learns nothing about other cases.
 */
export const onlyForwardingsTo = (department: string, forwardingId: string) => (state: ManifestationState) => {
  if (forwardingsTo(state, department, forwardingId).length === 0) {
    throw notFound('FORWARDING_NOT_FOUND', 'no such forwarding');
  }
};

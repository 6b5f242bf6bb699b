import {
  forwardingsTo,
  manifestationForDepartment,
  notFound,
  type DepartmentManifestationView,
  type ManifestationState,
} from '@app/domain';
import type { ManifestationView } from './manifestation-view';

/** A manifestation as a department sees it, with the revision for If-Match. */
export type DepartmentManifestationResponse = DepartmentManifestationView & { revision: number };

/** The department's view of a manifestation view; null when nothing of it was forwarded there. */
export function forDepartment(view: ManifestationView, department: string): DepartmentManifestationResponse | null {
  const scoped = manifestationForDepartment(view, department);
  return scoped && { ...scoped, revision: view.revision };
}

/**
 * Lets a department act on a forwarding only when it went to that department. The refusal is the
 * same whether the manifestation exists or not: a department learns nothing about the others.
 */
export const onlyForwardingsTo = (department: string, forwardingId: string) => (state: ManifestationState) => {
  if (forwardingsTo(state, department, forwardingId).length === 0) {
    throw notFound('FORWARDING_NOT_FOUND', 'no such forwarding');
  }
};

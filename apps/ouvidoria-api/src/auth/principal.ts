import { DEPARTMENT_CODE_PATTERN } from '@app/domain';

/** Who may do what is decided by role; see `docs/access-control.md` for the matrix. */
export const ROLES = ['ouvidoria', 'sac-integration', 'department', 'auditor', 'admin', 'dpo'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, from a verified token. */
export interface Principal {
  sub: string;
  role: Role;
  /** Only for role `department`: the department the caller works for. */
  department?: string;
}

export class InvalidClaims extends Error {
  override name = 'InvalidClaims';
}

const SUBJECT = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/** The principal a token's claims describe; throws `InvalidClaims` naming the claim at fault. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, role, department } = claims;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) {
    throw new InvalidClaims('claim "sub" must be 1 to 200 printable ASCII characters');
  }
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidClaims(`claim "role" must be one of ${ROLES.join(', ')}`);
  }
  if (role !== 'department') return { sub, role: role as Role };
  if (typeof department !== 'string' || !DEPARTMENT_CODE_PATTERN.test(department)) {
    throw new InvalidClaims(`a department token needs claim "department" matching ${DEPARTMENT_CODE_PATTERN.source}`);
  }
  return { sub, role, department };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `AuthGuard` on every route that is not open. */
    principal?: Principal;
  }
}

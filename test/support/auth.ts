import { mintToken } from '../../apps/ouvidoria-api/src/auth/mint-token';
import type { Role } from '../../apps/ouvidoria-api/src/auth/principal';

/** The HS256 secret every test app is started with (JWT_SECRET). */
export const TEST_JWT_SECRET = 'e2e-only-secret-0123456789abcdef-0123456789';

/** `Authorization` header for a token of this role, valid for an hour from the real clock. */
export async function bearer(role: Role, sub = `${role}-user`, department?: string): Promise<Record<string, string>> {
  const token = await mintToken(new TextEncoder().encode(TEST_JWT_SECRET), { sub, role, department }, 3600);
  return { authorization: `Bearer ${token}` };
}

import { SignJWT } from 'jose';
import { principalFromClaims, type Principal } from './principal';
import type { JwtOptions } from './token-verifier';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_TTL_SECONDS = 400 * 86_400;

/** `90s`, `30m`, `8h`, `7d` → seconds; null when it is none of those or above 400 days. */
export function parseTtl(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  return seconds > 0 && seconds <= MAX_TTL_SECONDS ? seconds : null;
}

/** An HS256 token for `principal`, valid for `ttlSeconds` from `now`. */
export async function mintToken(
  secret: Uint8Array,
  principal: Principal,
  ttlSeconds: number,
  { issuer, audience }: JwtOptions = {},
  now = new Date(),
): Promise<string> {
  const checked = principalFromClaims({ ...principal });
  const issuedAt = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ role: checked.role, ...(checked.department ? { department: checked.department } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(checked.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds);
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(secret);
}

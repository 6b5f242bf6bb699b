import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { InvalidClaims, principalFromClaims, type Principal } from './principal';

/** Turns a bearer token into a principal, or says why it cannot. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
export const TOKEN_VERIFIER = Symbol('TokenVerifier');

/** The token is not acceptable: a 401. */
export class InvalidToken extends Error {}
/** The identity provider's keys could not be fetched: a 503, the token may be fine. */
export class KeysUnavailable extends Error {}

export interface JwtOptions {
  issuer?: string;
  audience?: string;
}

/**
 * Verifies JWTs with `jose`: HS256 with a shared secret, or RS256/ES256 with the keys an
 * identity provider publishes (JWKS). Expiry is checked against the wall clock (not the
 * injectable domain clock): it is a security property, not a business rule. Tokens without
 * `exp` are refused.
 */
export class JwtVerifier implements TokenVerifier {
  private constructor(
    private readonly key: Uint8Array | JWTVerifyGetKey,
    private readonly algorithms: string[],
    private readonly options: JwtOptions,
  ) {}

  static withSecret(secret: Uint8Array, options: JwtOptions = {}): JwtVerifier {
    return new JwtVerifier(secret, ['HS256'], options);
  }

  static withJwks(url: URL, options: JwtOptions = {}): JwtVerifier {
    return new JwtVerifier(createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 }), ['RS256', 'ES256'], options);
  }

  async verify(token: string): Promise<Principal> {
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: this.algorithms,
        requiredClaims: ['exp'],
        clockTolerance: 30,
        ...this.options,
      });
      claims = verified.payload as Record<string, unknown>;
    } catch (error) {
      throw classify(error);
    }
    try {
      return principalFromClaims(claims);
    } catch (error) {
      throw error instanceof InvalidClaims ? new InvalidToken(error.message) : error;
    }
  }
}

function classify(error: unknown): Error {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || isFetchFailure(error)) {
    return new KeysUnavailable((error as Error).message);
  }
  if (error instanceof errors.JWTExpired) return new InvalidToken('the token has expired');
  if (error instanceof errors.JOSEError) return new InvalidToken(error.message);
  return new InvalidToken('the token could not be verified');
}

/** The JWKS request failed on the network (ECONNREFUSED, ENOTFOUND, ...) or answered other than 200. */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JOSEError) return /from the JSON Web Key Set HTTP response/.test(error.message);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z_]+$/.test(code);
}

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
    /** Keys come over the network: a failure to fetch them is not the token's fault. */
    private readonly remoteKeys: boolean,
  ) {}

  static withSecret(secret: Uint8Array, options: JwtOptions = {}): JwtVerifier {
    return new JwtVerifier(secret, ['HS256'], options, false);
  }

  static withJwks(url: URL, options: JwtOptions = {}): JwtVerifier {
    const keys = createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 });
    return new JwtVerifier(keys, ['RS256', 'ES256'], options, true);
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
      if (this.remoteKeys && isFetchFailure(error)) throw new KeysUnavailable((error as Error).message);
      throw invalidToken(error);
    }
    try {
      return principalFromClaims(claims);
    } catch (error) {
      throw error instanceof InvalidClaims ? new InvalidToken(error.message) : error;
    }
  }
}

function invalidToken(error: unknown): InvalidToken {
  if (error instanceof errors.JWTExpired) return new InvalidToken('the token has expired');
  if (error instanceof errors.JOSEError) return new InvalidToken(error.message);
  return new InvalidToken('the token could not be verified');
}

const NETWORK_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** The JWKS could not be fetched or read: network down, timeout, not a 200, not a key set. */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) {
    return /JSON Web Key Set HTTP response/.test(error.message);
  }
  return NETWORK_ERRORS.includes(String((error as { code?: unknown }).code));
}

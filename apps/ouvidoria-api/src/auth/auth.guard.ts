import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { problem, ProblemException } from '../problems/problem';
import { ACCESS, type AccessRule } from './access';
import type { Principal } from './principal';
import { InvalidToken, KeysUnavailable, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

const BEARER = /^bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;
const MINUTE_MS = 60_000;

const accessRule = (reflector: Reflector, context: ExecutionContext) =>
  reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);

/**
 * Authentication: verifies the bearer token of every route that is not open and sets
 * `request.principal`; 401 otherwise. Failed attempts count per address, so that guessing or
 * flooding with bad tokens meets the same rate limit (429) as anything else.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(ThrottlerStorage) private readonly attempts: ThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (accessRule(this.reflector, context) === 'open') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      request.principal = await this.authenticate(request.headers.authorization);
      return true;
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status === 401) await this.countFailure(request.ip);
      throw error;
    }
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    if (header === undefined) {
      throw unauthorized('UNAUTHENTICATED', 'send Authorization: Bearer <token>', 'Bearer realm="ouvidoria"');
    }
    const token = BEARER.exec(header)?.[1];
    const challenge = (reason: string) => `Bearer realm="ouvidoria", error="invalid_token", error_description="${reason}"`;
    if (!token) throw unauthorized('INVALID_TOKEN', 'Authorization must be "Bearer <JWT>"', challenge('malformed'));
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) {
        throw unauthorized('INVALID_TOKEN', `the token was refused: ${error.message}`, challenge('refused'));
      }
      if (error instanceof KeysUnavailable) {
        this.logger.warn(`JWKS unavailable: ${error.message}`);
        const detail = "the identity provider's keys could not be fetched; retry shortly";
        throw new ProblemException(problem(503, 'AUTH_KEYS_UNAVAILABLE', detail), { 'retry-after': '5' });
      }
      throw error;
    }
  }

  private async countFailure(address: string): Promise<void> {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0) return;
    const { totalHits, timeToExpire } = await this.attempts.increment(`auth-failures:${address}`, MINUTE_MS, limit, 0, 'auth');
    if (totalHits > limit) {
      const detail = `more than ${limit} failed authentications in a minute from this address; retry after the time in Retry-After`;
      throw new ProblemException(problem(429, 'RATE_LIMITED', detail), { 'retry-after': String(Math.max(1, timeToExpire)) });
    }
  }
}

/** Authorisation: the route's `@Access` roles (403); runs after authentication and the rate limit. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = accessRule(this.reflector, context);
    if (rule === 'open') return true;
    const { principal } = context.switchToHttp().getRequest<FastifyRequest>();
    if (!principal) throw new Error('RolesGuard ran before AuthGuard');
    if (!rule || !rule.includes(principal.role)) {
      const allowed = rule ? `only ${rule.join(', ')} may` : 'nobody may';
      throw new ProblemException(problem(403, 'FORBIDDEN_FOR_ROLE', `role ${principal.role} may not do this: ${allowed}`));
    }
    return true;
  }
}

function unauthorized(code: string, detail: string, challenge: string): ProblemException {
  return new ProblemException(problem(401, code, detail), { 'www-authenticate': challenge });
}

import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../http/problem';
import { ACCESS, type AccessRule } from './access';
import type { Principal } from './principal';
import { InvalidToken, KeysUnavailable, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

const unauthorized = (code: string, detail: string, challenge: string) =>
  new ProblemException(problem(401, code, detail), { 'www-authenticate': challenge });

/** Authenticates the bearer token and checks the route's `@Access` roles: 401, then 403. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [context.getHandler(), context.getClass()]);
    if (rule === 'open') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(request.headers.authorization);
    request.principal = principal;
    if (!rule || !rule.includes(principal.role)) {
      const allowed = rule ? `only ${rule.join(', ')} may` : 'nobody may';
      throw new ProblemException(problem(403, 'FORBIDDEN_FOR_ROLE', `role ${principal.role} may not do this: ${allowed}`));
    }
    return true;
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
        const detail = `the identity provider's keys could not be fetched: ${error.message}`;
        throw new ProblemException(problem(503, 'AUTH_KEYS_UNAVAILABLE', detail), { 'retry-after': '5' });
      }
      throw error;
    }
  }
}

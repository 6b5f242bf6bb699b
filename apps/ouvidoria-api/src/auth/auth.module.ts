import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { AuthGuard, RolesGuard } from './auth.guard';
import { hs256Secret } from './jwt-secret';
import { JwtVerifier, TOKEN_VERIFIER } from './token-verifier';

/** The client a rate limit counts for: the token's subject when there is one, else the address. */
const clientOf = (request: FastifyRequest) =>
  request.principal ? `${request.principal.role}:${request.principal.sub}` : `ip:${request.ip}`;

/**
 * Authentication, rate limiting and authorisation, as global guards in this order: the token is
 * verified first, so that the limit counts per client (every route together) rather than per
 * address behind a gateway; then the role is checked, so that refused calls count too.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { jwksUrl, secret, issuer, audience } = config.auth;
    const limit = config.rateLimitPerMinute;
    return {
      module: AuthModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: limit === 0 ? Number.MAX_SAFE_INTEGER : limit }],
          skipIf: () => limit === 0,
          getTracker: (request) => clientOf(request as FastifyRequest),
          // One budget per client across routes (the default key is per route and handler).
          generateKey: (_context, tracker) => tracker,
          errorMessage: `more than ${limit} requests in a minute from this client; retry after the time in Retry-After`,
        }),
      ],
      providers: [
        {
          provide: TOKEN_VERIFIER,
          useFactory: () =>
            jwksUrl
              ? JwtVerifier.withJwks(jwksUrl, { issuer, audience })
              : JwtVerifier.withSecret(hs256Secret(secret, config.dataDir), { issuer, audience }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id';

/**
 * One line per answered request: method, route template (never the URL: a path or query may hold
 * a CPF or a token), status, duration, the caller as role:sub, the request id (`X-Request-Id` as
 * sent or given; the correlation of the events the request writes unless the caller sent
 * X-Correlation-Id) and the server's own id for it (their causation). Requests Fastify answers
 * before routing (a malformed URL) have no template.
 */
export function logAccess(fastify: FastifyInstance, logger: Logger): void {
  const access = logger.child({ context: 'http' });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const line = {
      requestId: requestIdOf(request),
      causationId: request.id,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      client: clientOf(request),
    };
    if (status >= 500) access.error(line, 'request failed');
    else access.info(line, 'request');
    done();
  });
}

const clientOf = (request: FastifyRequest) => (request.principal ? `${request.principal.role}:${request.principal.sub}` : null);

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/**
 * One line per answered request: method, route template (never the URL: a path or query may hold
 * a CPF or a token), status, duration, the caller as role:sub, and the request id, which every
 * event the request writes carries as its causation (and correlation, unless the caller sent
 * X-Correlation-Id). Requests Fastify answers before routing (a malformed URL) have no template.
 */
export function logAccess(fastify: FastifyInstance, logger: Logger): void {
  const access = logger.child({ context: 'http' });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const line = {
      requestId: request.id,
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

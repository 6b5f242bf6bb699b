import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '@app/event-store';
import type { RequestMeta } from '../application/ports';
import type { Principal } from '../auth/principal';
import { HEADER_VALUE } from '../input/validators';
import { problem, ProblemException } from '../problems/problem';
import { requestIdOf } from './request-id';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function invalidHeader(name: string, rule: string, message: string): ProblemException {
  return new ProblemException(problem(400, 'INVALID_HEADER', message, [{ field: name, rule, message }]));
}

function printable(request: FastifyRequest, name: string): string | undefined {
  const value = header(request, name.toLowerCase());
  if (value !== undefined && !HEADER_VALUE.test(value)) {
    throw invalidHeader(name, 'printableAscii', `${name} must be 1 to 200 printable ASCII characters`);
  }
  return value;
}

/**
 * Who acts and which request caused the events. The actor is the verified token's subject and
 * role (set by `AuthGuard`); `X-Correlation-Id` ties one conversation across systems, else the
 * request id (`X-Request-Id` as sent, or the server's); the server's own id for the request (a
 * uuid) is the causation of every event the request writes.
 */
export function requestMeta(request: FastifyRequest): RequestMeta {
  return {
    actor: actorOf(request),
    correlationId: printable(request, 'X-Correlation-Id') ?? requestIdOf(request),
    causationId: String(request.id),
  };
}

/** The authenticated caller as recorded on events: `{ sub, role }`, plus the department of a department user. */
function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  return { sub: principal.sub, role: principal.role, ...(principal.department ? { department: principal.department } : {}) };
}

/** The caller `AuthGuard` authenticated; only open routes have none, and they do not ask. */
function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`no authenticated principal on ${request.method} ${request.url}: is the route open?`);
  return request.principal;
}

/** `If-Match: "<revision>"` as a revision, or undefined when absent. */
export function ifMatchOf(request: FastifyRequest): bigint | undefined {
  const raw = header(request, 'if-match');
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(raw.trim());
  if (!match) throw invalidHeader('If-Match', 'etag', 'If-Match must be an ETag of this API, e.g. "3"');
  return BigInt(match[1]);
}

const fromRequest = <T>(read: (request: FastifyRequest) => T) =>
  createParamDecorator((_: unknown, ctx: ExecutionContext): T => read(ctx.switchToHttp().getRequest<FastifyRequest>()));

export const RequestContext = fromRequest(requestMeta);
export const CurrentPrincipal = fromRequest(principalOf);
export const IdempotencyKey = fromRequest((request) => printable(request, 'Idempotency-Key'));

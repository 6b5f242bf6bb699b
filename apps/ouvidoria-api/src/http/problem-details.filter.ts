import { CommandRefused } from '@app/domain';
import { DamagedEvent, DuplicateEventId, StoreUnavailable } from '@app/event-store';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrentModification, IdempotencyMismatch, PreconditionFailed, ProtocolsExhausted } from '../application/errors';
import { InvalidInput } from '../input/invalid-input';
import { pathOf } from './fastify-options';
import { problem, PROBLEM_CONTENT_TYPE, ProblemException, type Problem } from '../problems/problem';

const REFUSAL_STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;

/** Seconds a client should wait before retrying when the store is failing. */
const RETRY_AFTER = { disk_full: '30', io_error: '5', busy: '1', unreachable: '5', damaged: '60' };

/**
 * Every error leaves as application/problem+json. A failing store is a 507 or 503 with
 * Retry-After; anything unforeseen is logged and is a 500. `instance` is the path alone: a query
 * string may carry what must not be echoed.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');
  private readonly lastStoreWarning = new Map<string, number>();

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    if (clientWentAway(error)) return;
    const [body, headers] = this.toProblem(error);
    if (reply.raw.destroyed) return;
    void reply
      .headers(headers)
      .status(body.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...body, instance: pathOf(http.getRequest<FastifyRequest>().url) });
  }

  private toProblem(error: unknown): [Problem, Record<string, string>] {
    if (error instanceof ProblemException) return [error.problem, error.headers];
    if (error instanceof InvalidInput) return [problem(400, error.code, error.message, error.errors), {}];
    if (error instanceof StoreUnavailable) {
      this.warnAtMostEvery(10_000, error.reason, `request refused, the event store failed: ${error.message}`);
      return storeProblem(error);
    }
    if (error instanceof DamagedEvent) {
      this.warnAtMostEvery(10_000, `damaged:${error.position}`, `${error.message}; restore it from a backup (see audit:verify)`);
      // Where and what is for the log and the auditors: the caller learns only that it cannot be read now.
      const detail = 'a stored event of this resource cannot be read back; an operator has been told (see audit:verify)';
      return [problem(503, 'EVENT_DAMAGED', detail), { 'retry-after': RETRY_AFTER.damaged }];
    }
    return [this.plainProblem(error), {}];
  }

  /** A failing store fails every request: one line per cause and interval is enough. */
  private warnAtMostEvery(ms: number, key: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastStoreWarning.get(key) ?? 0) < ms) return;
    this.lastStoreWarning.set(key, now);
    this.logger.warn(message);
  }

  private plainProblem(error: unknown): Problem {
    if (error instanceof CommandRefused) {
      return problem(REFUSAL_STATUS[error.kind], error.code, error.message, error.errors);
    }
    if (error instanceof PreconditionFailed) return problem(412, 'REVISION_MISMATCH', error.message);
    if (error instanceof ConcurrentModification) return problem(409, 'CONCURRENT_MODIFICATION', error.message);
    if (error instanceof IdempotencyMismatch) return problem(422, error.code, error.message);
    // Event ids come from our own generator: a clash is a retry of a write that went elsewhere, not a crash.
    if (error instanceof DuplicateEventId) return problem(409, 'DUPLICATE_EVENT_ID', error.message);
    if (error instanceof ProtocolsExhausted) return problem(503, 'PROTOCOLS_EXHAUSTED', error.message);
    if (error instanceof HttpException) return fromHttpException(error);
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return problem(500, 'INTERNAL_ERROR', 'an unexpected error occurred; it was logged');
  }
}

/** Nest's own errors, including what Fastify refused before a route ran (wrapped by Nest). */
function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  switch (status) {
    case 400:
      return problem(400, 'BAD_REQUEST', error.message);
    case 404:
      return problem(404, 'ROUTE_NOT_FOUND', error.message);
    case 413:
      return problem(413, 'BODY_TOO_LARGE', 'the request body is larger than 1 MiB');
    case 415:
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    case 429:
      return problem(429, 'RATE_LIMITED', error.message);
    default:
      return problem(status, `HTTP_${status}`, error.message);
  }
}

function storeProblem(error: StoreUnavailable): [Problem, Record<string, string>] {
  const retry = { 'retry-after': RETRY_AFTER[error.reason] };
  if (error.reason === 'disk_full') {
    return [problem(507, 'STORAGE_FULL', 'the event store has no room left on its disk; nothing was written, retry later'), retry];
  }
  return [
    problem(503, 'EVENT_STORE_UNAVAILABLE', `the event store cannot serve now (${error.reason}); nothing was written, retry later`),
    retry,
  ];
}

/** The client closed the connection mid-request: nobody is left to answer, and nothing failed here. */
function clientWentAway(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || message === 'aborted';
}

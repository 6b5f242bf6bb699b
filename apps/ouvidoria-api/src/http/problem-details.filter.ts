import { CommandRefused } from '@app/domain';
import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConcurrentModification, IdempotencyMismatch, PreconditionFailed, ProtocolsExhausted } from '../application/errors';
import { problem, PROBLEM_CONTENT_TYPE, ProblemException, type Problem } from './problem';

const REFUSAL_STATUS = { invalid: 400, not_found: 404, conflict: 409 } as const;

/** Every error leaves as application/problem+json; anything unforeseen is logged and is a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const body = this.toProblem(error);
    void http
      .getResponse<FastifyReply>()
      .headers(error instanceof ProblemException ? error.headers : {})
      .status(body.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...body, instance: http.getRequest<FastifyRequest>().url });
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ProblemException) return error.problem;
    if (error instanceof CommandRefused) {
      return problem(REFUSAL_STATUS[error.kind], error.code, error.message, error.errors);
    }
    if (error instanceof PreconditionFailed) return problem(412, 'REVISION_MISMATCH', error.message);
    if (error instanceof ConcurrentModification) return problem(409, 'CONCURRENT_MODIFICATION', error.message);
    if (error instanceof IdempotencyMismatch) return problem(422, error.code, error.message);
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
      if (/body cannot be empty/i.test(error.message)) {
        return problem(400, 'BODY_REQUIRED', 'the request body must be a JSON object');
      }
      return /JSON/i.test(error.message)
        ? problem(400, 'MALFORMED_JSON', `the body is not valid JSON: ${error.message}`)
        : problem(400, 'BAD_REQUEST', error.message);
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

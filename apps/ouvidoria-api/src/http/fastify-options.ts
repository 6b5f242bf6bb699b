import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { HttpLimits } from '../config/app-config';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../problems/problem';

/**
 * The HTTP server's limits and its answers to what Fastify and Node refuse before any route runs:
 * a malformed URL, a request that takes too long, headers too large. Each is problem+json like
 * every other error, so a client needs one way to read errors.
 */
export const fastifyOptions = (limits: HttpLimits) => ({
  bodyLimit: limits.bodyLimitBytes,
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  // Node checks the request deadline at this interval (30 s by default, longer than the deadline).
  http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: 1000 },
  // The causation of the events a request writes: unique, never the caller's (see `requestIdOf`).
  genReqId: () => randomUUID(),
  logger: false,
  frameworkErrors: (error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
    const refused =
      error.code === 'FST_ERR_BAD_URL'
        ? problem(400, 'MALFORMED_URL', 'the URL is not valid', [
            { field: 'url', rule: 'percentEncoding', message: 'every % in the path must start a valid UTF-8 percent-encoding' },
          ])
        : problem(400, 'BAD_REQUEST', 'the request could not be routed');
    void reply
      .status(refused.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...refused, instance: pathOf(request.url) });
  },
  clientErrorHandler: answerClientError,
});

/**
 * Nest's own body parsers are off: it would add application/x-www-form-urlencoded, and this API
 * takes JSON only (`configureApp` installs the JSON parser and removes text/plain).
 */
export const nestAppOptions = { bodyParser: false } as const;

/** The path of a request URL: a query string may carry what must not be echoed (a token). */
export const pathOf = (url: string) => url.split('?', 1)[0];

/** What Node's HTTP parser refuses (too slow, headers too large, not HTTP), answered and closed. */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refused: Problem =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? problem(408, 'REQUEST_TIMEOUT', 'the request was not received in time')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'HEADERS_TOO_LARGE', 'the request headers are too large')
        : problem(400, 'MALFORMED_REQUEST', 'the request is not valid HTTP');
  const body = JSON.stringify(refused);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${refused.status} ${refused.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

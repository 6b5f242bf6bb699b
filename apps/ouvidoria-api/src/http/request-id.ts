import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

/** What a request id from the caller (a proxy, another service) may look like; anything else gets a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** `X-Request-Id` as sent, when it is one; else a new uuid. Fastify's `genReqId`. */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/** Every answer says which request it was, so a caller can quote it and an operator find its log line. */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    return payload;
  });
}

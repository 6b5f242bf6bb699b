import type { FastifyInstance, FastifyRequest } from 'fastify';

/** What a request id from the caller (a proxy, another service) may look like; anything else is ignored. */
const REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/**
 * The request's id as the caller knows it: `X-Request-Id` as sent, when it is one, else the id the
 * server gave the request (`request.id`, always a new uuid: the causation of the events it writes,
 * unique, never chosen by a caller).
 */
export function requestIdOf(request: FastifyRequest): string {
  const sent = request.headers['x-request-id'];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value !== undefined && REQUEST_ID.test(value) ? value : String(request.id);
}

/** Every answer says which request it was, so a caller can quote it and an operator find its log line. */
export function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', requestIdOf(request));
    return payload;
  });
}

import { randomUUID } from 'node:crypto';

/** 1 MiB body limit and a uuid per request (the causation id of the events it writes). */
export const fastifyOptions = (bodyLimit: number) => ({
  bodyLimit,
  genReqId: () => randomUUID(),
  logger: false,
});

/**
 * Nest's own body parsers are off: it would add application/x-www-form-urlencoded, and this API
 * takes JSON only (Fastify's JSON parser stays; `configureApp` removes text/plain).
 */
export const nestAppOptions = { bodyParser: false } as const;

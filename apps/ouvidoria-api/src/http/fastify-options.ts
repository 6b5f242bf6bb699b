import { randomUUID } from 'node:crypto';

/** 1 MiB body limit and a uuid per request (the causation id of the events it writes). */
export const fastifyOptions = (bodyLimit: number) => ({
  bodyLimit,
  genReqId: () => randomUUID(),
  logger: false,
});

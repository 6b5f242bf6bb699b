import type { FastifyInstance } from 'fastify';
import { parseJson } from '../input/json';

/**
 * Bodies are JSON, parsed by `parseJson` (depth and prototype keys checked before anything walks
 * them): a text/plain (or any other) body is a 415, not a string that fails validation. Uploads
 * (`multipart/form-data`) are read by the attachment routes alone (`configureApp`).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

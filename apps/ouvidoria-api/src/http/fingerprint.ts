import { canonicalJson } from '@app/event-store';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** Digest of the request body as parsed: key order and spacing do not change it. */
export const bodyFingerprint = (request: FastifyRequest): string =>
  createHash('sha256').update(canonicalJson(request.body)).digest('hex');

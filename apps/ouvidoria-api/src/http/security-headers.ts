import type { FastifyInstance } from 'fastify';

/** Case data is health data: no caching, no sniffing, no framing, no referrers. */
const EVERY_RESPONSE = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  // Ignored by browsers over plain HTTP; in force once a TLS proxy fronts the API.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/** The API returns JSON only: nothing may run. The Swagger UI at /docs needs its own scripts and styles. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.headers(EVERY_RESPONSE);
    void reply.header('content-security-policy', request.url.startsWith('/docs') ? DOCS_CSP : API_CSP);
    return payload;
  });
}

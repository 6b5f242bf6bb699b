import type { FastifyReply } from 'fastify';

/** The ETag of a stream at a revision, as `If-Match` sends it back. */
const etagOf = (revision: bigint) => `"${revision}"`;

/** What every answer about one stream carries: its ETag, and X-Event-Position for read-your-writes. */
export function setVersionHeaders(reply: FastifyReply, { revision, position }: { revision: bigint; position: bigint }): void {
  void reply.header('etag', etagOf(revision)).header('x-event-position', position.toString());
}

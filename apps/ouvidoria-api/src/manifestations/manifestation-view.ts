import type { Manifestation } from '@app/domain';
import type { FastifyReply } from 'fastify';

/** The case as the API shows it: the folded state plus its revision (the ETag). */
export type ManifestationView = Manifestation & { revision: number };

export const toView = (manifestation: Manifestation, revision: bigint): ManifestationView => ({
  ...manifestation,
  revision: Number(revision),
});

export const etagOf = (revision: bigint) => `"${revision}"`;

type CaseResult = { manifestation: Manifestation; revision: bigint; position?: bigint };

/** The headers every case response carries: ETag, and X-Event-Position for read-your-writes. */
export function setCaseHeaders(reply: FastifyReply, result: CaseResult): void {
  void reply.header('etag', etagOf(result.revision));
  if (result.position !== undefined) void reply.header('x-event-position', result.position.toString());
}

/** Sets the case headers and returns the body. */
export function caseResponse(reply: FastifyReply, result: CaseResult): ManifestationView {
  setCaseHeaders(reply, result);
  return toView(result.manifestation, result.revision);
}

import type { Manifestation } from '@app/domain';
import type { FastifyReply } from 'fastify';

/** The case as the API shows it: the folded state plus its revision (the ETag). */
export type ManifestationView = Manifestation & { revision: number };

export const toView = (manifestation: Manifestation, revision: bigint): ManifestationView => ({
  ...manifestation,
  revision: Number(revision),
});

export const etagOf = (revision: bigint) => `"${revision}"`;

/** Sets the headers every case response carries and returns the body. */
export function caseResponse(
  reply: FastifyReply,
  result: { manifestation: Manifestation; revision: bigint; position?: bigint },
): ManifestationView {
  void reply.header('etag', etagOf(result.revision));
  if (result.position !== undefined) void reply.header('x-event-position', result.position.toString());
  return toView(result.manifestation, result.revision);
}

import type { Manifestation } from '@app/domain';
import type { FastifyReply } from 'fastify';
import type { Outcome } from '../application/command-path';
import { setVersionHeaders } from '../http/version-headers';

/** The manifestation as the API shows it: the folded state plus its revision (the ETag). */
export type ManifestationView = Manifestation & { revision: number };

export const toView = ({ state, revision }: Pick<Outcome<Manifestation>, 'state' | 'revision'>): ManifestationView => ({
  ...state,
  revision: Number(revision),
});

/** Sets the headers and returns the body. */
export function manifestationResponse(reply: FastifyReply, outcome: Outcome<Manifestation>): ManifestationView {
  setVersionHeaders(reply, outcome);
  return toView(outcome);
}

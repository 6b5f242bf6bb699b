import type { Recommendation } from '@app/domain';
import type { FastifyReply } from 'fastify';
import type { Outcome } from '../application/command-path';
import { setVersionHeaders } from '../http/version-headers';
import { problem, ProblemException } from '../problems/problem';

export type RecommendationView = Recommendation & { revision: number };

/** The recommendation with its revision; ETag and X-Event-Position set. */
export function recommendationResponse(reply: FastifyReply, { state, revision, position }: Outcome<Recommendation>): RecommendationView {
  setVersionHeaders(reply, { revision, position });
  return { ...state, revision: Number(revision) };
}

export const recommendationNotFound = () => new ProblemException(problem(404, 'RECOMMENDATION_NOT_FOUND', 'no such recommendation'));

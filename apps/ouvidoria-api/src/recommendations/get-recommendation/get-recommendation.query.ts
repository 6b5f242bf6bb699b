import type { Recommendation } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';

/** A recommendation folded from its stream, with every stage it went through; null when there is none. */
export class GetRecommendationQuery extends Query<Outcome<Recommendation> | null> {
  constructor(readonly recommendationId: string) {
    super();
  }
}

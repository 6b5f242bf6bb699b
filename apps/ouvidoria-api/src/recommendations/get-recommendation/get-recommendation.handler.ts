import type { Recommendation } from '@app/domain';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { RecommendationStreams } from '../recommendation-streams';
import { GetRecommendationQuery } from './get-recommendation.query';

@QueryHandler(GetRecommendationQuery)
export class GetRecommendationHandler implements IQueryHandler<GetRecommendationQuery, Outcome<Recommendation> | null> {
  constructor(private readonly recommendations: RecommendationStreams) {}

  execute({ recommendationId }: GetRecommendationQuery): Promise<Outcome<Recommendation> | null> {
    return this.recommendations.load(recommendationId);
  }
}

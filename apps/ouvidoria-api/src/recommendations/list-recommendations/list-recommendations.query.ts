import type { RecommendationStage } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import type { RecommendationListItem } from './recommendation-list.projection';

export class ListRecommendationsQuery extends Query<RecommendationListItem[]> {
  constructor(
    readonly year: number,
    readonly stage?: RecommendationStage,
    readonly minPosition?: string,
  ) {
    super();
  }
}

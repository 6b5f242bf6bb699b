import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '../../projections/read-models';
import { ListRecommendationsQuery } from './list-recommendations.query';
import { listRecommendations, RECOMMENDATION_LIST, type RecommendationListItem } from './recommendation-list.projection';

@QueryHandler(ListRecommendationsQuery)
export class ListRecommendationsHandler implements IQueryHandler<ListRecommendationsQuery, RecommendationListItem[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ year, stage, minPosition }: ListRecommendationsQuery): Promise<RecommendationListItem[]> {
    await this.readModels.awaitPosition(RECOMMENDATION_LIST, minPosition);
    return listRecommendations(this.readModels.database(RECOMMENDATION_LIST), year, stage);
  }
}

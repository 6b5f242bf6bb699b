import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModels } from '../projections/read-models';
import { ChangeRecommendationStageController } from './change-recommendation-stage/change-recommendation-stage.controller';
import { ChangeRecommendationStageHandler } from './change-recommendation-stage/change-recommendation-stage.handler';
import { GetRecommendationController } from './get-recommendation/get-recommendation.controller';
import { GetRecommendationHandler } from './get-recommendation/get-recommendation.handler';
import { ListRecommendationsController } from './list-recommendations/list-recommendations.controller';
import { ListRecommendationsHandler } from './list-recommendations/list-recommendations.handler';
import { RecommendationListProjection } from './list-recommendations/recommendation-list.projection';
import { MakeRecommendationController } from './make-recommendation/make-recommendation.controller';
import { MakeRecommendationHandler } from './make-recommendation/make-recommendation.handler';
import { RecommendationStreams } from './recommendation-streams';

/** Recommendations to management: their use cases, and the read model that lists them. */
@Module({
  imports: [CqrsModule],
  controllers: [
    MakeRecommendationController,
    ChangeRecommendationStageController,
    GetRecommendationController,
    ListRecommendationsController,
  ],
  providers: [
    RecommendationStreams,
    MakeRecommendationHandler,
    ChangeRecommendationStageHandler,
    GetRecommendationHandler,
    ListRecommendationsHandler,
  ],
})
export class RecommendationsModule implements OnModuleInit {
  static readonly projection = () => new RecommendationListProjection();

  constructor(private readonly readModels: ReadModels) {}

  onModuleInit(): void {
    this.readModels.register(RecommendationsModule.projection());
  }
}

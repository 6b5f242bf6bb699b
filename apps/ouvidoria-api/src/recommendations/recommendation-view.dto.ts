import { RECOMMENDATION_STAGES, type Recommendation, type RecommendationStage } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { RecommendationListItemDto } from './list-recommendations/recommendation-list.dto';
import type { RecommendationView } from './recommendation-view';

type StageChange = Recommendation['stages'][number];

@ApiSchema({ name: 'RecommendationStageChange' })
export class RecommendationStageChangeDto implements StageChange {
  @ApiProperty({ enum: RECOMMENDATION_STAGES })
  stage: RecommendationStage;

  @ApiProperty({ required: false })
  note?: string;

  @ApiProperty({ format: 'date-time' })
  changedAt: string;
}

/** The list's item (id, department, text, when, stage now), with its history and revision. */
@ApiSchema({
  name: 'Recommendation',
  description: 'A recommendation to management, with every stage it went through; `revision` is its ETag',
})
export class RecommendationViewDto extends RecommendationListItemDto implements RecommendationView {
  @ApiProperty({ type: () => [RecommendationStageChangeDto], description: 'Every stage change, oldest first' })
  stages: RecommendationStageChangeDto[];

  @ApiProperty({ type: 'integer', minimum: 0 })
  revision: number;
}

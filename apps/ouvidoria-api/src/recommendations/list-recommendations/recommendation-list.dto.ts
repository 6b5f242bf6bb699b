import { RECOMMENDATION_STAGES, type RecommendationStage } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { RecommendationListItem } from './recommendation-list.projection';

@ApiSchema({ name: 'RecommendationListItem' })
export class RecommendationListItemDto implements RecommendationListItem {
  @ApiProperty({ format: 'uuid' })
  recommendationId: string;

  @ApiProperty({ example: 'regulacao' })
  department: string;

  @ApiProperty()
  text: string;

  @ApiProperty({ format: 'date-time' })
  madeAt: string;

  @ApiProperty({ enum: RECOMMENDATION_STAGES, description: 'The stage it stands at now' })
  stage: RecommendationStage;
}

@ApiSchema({ name: 'RecommendationList', description: "A year's recommendations, oldest first" })
export class RecommendationListDto {
  @ApiProperty({ type: () => [RecommendationListItemDto] })
  items: RecommendationListItemDto[];
}

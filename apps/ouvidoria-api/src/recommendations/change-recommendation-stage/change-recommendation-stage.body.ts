import { RECOMMENDATION_STAGES, type RecommendationStage } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class ChangeRecommendationStageBody {
  @ApiProperty({ enum: RECOMMENDATION_STAGES })
  @IsIn(RECOMMENDATION_STAGES)
  stage: RecommendationStage;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

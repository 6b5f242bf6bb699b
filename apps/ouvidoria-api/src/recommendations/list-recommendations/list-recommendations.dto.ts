import { RECOMMENDATION_STAGES, type RecommendationStage } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadYourWritesParams } from '../../projections/read-params.dto';

export class ListRecommendationsParams extends ReadYourWritesParams {
  /** Year the recommendations were made (local date). */
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: RECOMMENDATION_STAGES, required: false })
  @IsOptional()
  @IsIn(RECOMMENDATION_STAGES)
  stage?: RecommendationStage;
}

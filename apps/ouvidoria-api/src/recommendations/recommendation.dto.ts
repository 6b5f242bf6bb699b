import { DEPARTMENT_CODE_PATTERN, RECOMMENDATION_STAGES, type RecommendationStage } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDepartmentCode, NotBlank } from '../http/validators';
import { ReadYourWritesParams } from '../projections/read-params.dto';

export class MakeRecommendationBody {
  /** The management (department) the recommendation is addressed to. */
  @ApiProperty({ pattern: DEPARTMENT_CODE_PATTERN.source, example: 'regulacao' })
  @IsString()
  @IsDepartmentCode()
  department: string;

  @IsString()
  @Length(1, 5000)
  @NotBlank()
  text: string;
}

export class ChangeRecommendationStageBody {
  @ApiProperty({ enum: RECOMMENDATION_STAGES })
  @IsIn(RECOMMENDATION_STAGES)
  stage: RecommendationStage;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

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

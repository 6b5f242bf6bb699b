import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsDepartmentCode, NotBlank } from '../../input/validators';

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

import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ReadYourWritesParams } from '../projections/read-params.dto';

export class ReaReportParams extends ReadYourWritesParams {
  /** Calendar year of receipt (local date). */
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class ReaReportParams {
  /** Calendar year of receipt (local date). */
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ required: false, pattern: '^\\d{1,15}$' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'minPosition must be a position given in X-Event-Position' })
  minPosition?: string;
}

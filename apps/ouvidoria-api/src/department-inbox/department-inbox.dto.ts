import { FORWARDING_STATUSES, type ForwardingStatus } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class DepartmentForwardingsParams {
  @ApiProperty({ enum: FORWARDING_STATUSES, required: false })
  @IsOptional()
  @IsIn(FORWARDING_STATUSES)
  status?: ForwardingStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  /** Wait (up to 2 s) until the inbox reflects the write at this position (`X-Event-Position`). */
  @ApiProperty({ required: false, pattern: '^\\d{1,15}$' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'minPosition must be a position given in X-Event-Position' })
  minPosition?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Query parameters of every read-model query. */
export class ReadYourWritesParams {
  /** Wait (up to 2 s) until the read model reflects the write at this position (`X-Event-Position`). */
  @ApiProperty({ required: false, pattern: '^\\d{1,15}$' })
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'minPosition must be a position given in X-Event-Position' })
  minPosition?: string;
}

/** ... and of the paginated ones: keyset pages of at most 100. */
export class PageParams extends ReadYourWritesParams {
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
}

import {
  MANIFESTATION_STATUSES,
  DEPARTMENT_CODE_PATTERN,
  MANIFESTATION_TYPES,
  THEMES,
  type ManifestationStatus,
  type ManifestationType,
  type Theme,
} from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDepartmentCode, IsIsoInstantOrDate } from '../input/validators';
import { PageParams, ReadYourWritesParams } from '../projections/read-params.dto';

export class ListManifestationsParams extends PageParams {
  @ApiProperty({ enum: MANIFESTATION_STATUSES, required: false })
  @IsOptional()
  @IsIn(MANIFESTATION_STATUSES)
  status?: ManifestationStatus;

  @ApiProperty({ enum: MANIFESTATION_TYPES, required: false })
  @IsOptional()
  @IsIn(MANIFESTATION_TYPES)
  type?: ManifestationType;

  @ApiProperty({ enum: THEMES, required: false })
  @IsOptional()
  @IsIn(THEMES)
  theme?: Theme;

  /** Cases with a forwarding to this department that is still PENDING. */
  @ApiProperty({ required: false, pattern: DEPARTMENT_CODE_PATTERN.source })
  @IsOptional()
  @IsDepartmentCode()
  department?: string;

  /** The case registered or escalated with this SAC protocol (exact match). */
  @ApiProperty({ required: false, minLength: 1, maxLength: 50 })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  sacProtocol?: string;

  /** `true`: open cases past their deadline; `false`: every other case. */
  @ApiProperty({ enum: ['true', 'false'], required: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  /** Open cases not overdue whose deadline ends within this many business days (0 = today). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  dueWithinBusinessDays?: number;

  /** Received at or after this instant (ISO-8601 with offset), or from the start of this local date (`2026-03-01`). */
  @IsOptional()
  @IsIsoInstantOrDate()
  receivedFrom?: string;

  /** Received before this instant (ISO-8601 with offset), or up to the end of this local date (`2026-03-31`). */
  @IsOptional()
  @IsIsoInstantOrDate()
  receivedTo?: string;
}

/** `GET /stats` takes `minPosition` only. */
export class StatsParams extends ReadYourWritesParams {}

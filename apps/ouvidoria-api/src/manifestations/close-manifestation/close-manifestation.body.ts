import { CLOSE_REASONS, type CloseReason } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class CloseManifestationBody {
  /** RESPONDIDA after the answer; DUPLICADA, DESISTENCIA or NAO_PERTINENTE while open. */
  @ApiProperty({ enum: CLOSE_REASONS })
  @IsIn(CLOSE_REASONS)
  reason: CloseReason;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

import { ANSWER_OUTCOMES, type AnswerOutcome } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { NotBlank } from '../../input/validators';

export class AnswerManifestationBody {
  @IsString()
  @Length(1, 20000)
  @NotBlank()
  text: string;

  /** DEFERIDA / INDEFERIDA for a REANALISE; the other outcomes for every other type. */
  @ApiProperty({ enum: ANSWER_OUTCOMES })
  @IsIn(ANSWER_OUTCOMES)
  outcome: AnswerOutcome;

  /** Required when the deadline has passed. */
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  @NotBlank()
  lateReason?: string;

  /** For a REANALISE answered DEFERIDA: why the denial was reversed (reported in the REA-Ouvidorias). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  reversalReason?: string;
}

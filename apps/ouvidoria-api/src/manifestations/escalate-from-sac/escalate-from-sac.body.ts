import { CHANNELS, type Channel } from '@app/domain';
import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsIsoInstant, NotBlank } from '../../input/validators';
import { RegisterManifestationBody } from '../register-manifestation/register-manifestation.body';

export class EscalateFromSacBody extends OmitType(RegisterManifestationBody, ['receivedAt', 'channel', 'sacProtocol'] as const) {
  /** The SAC system's id for this escalation: sending it again never opens a second case. */
  @ApiProperty({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'escalationId must be 1 to 100 letters, digits, ., _, : or -' })
  escalationId: string;

  @IsString()
  @Length(1, 50)
  @NotBlank()
  sacProtocol: string;

  /** When SAC escalated: becomes the case's receivedAt. */
  @IsIsoInstant()
  escalatedAt: string;

  @IsString()
  @Length(1, 2000)
  @NotBlank()
  reason: string;

  @ApiProperty({ enum: CHANNELS, default: 'OUTRO', required: false })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

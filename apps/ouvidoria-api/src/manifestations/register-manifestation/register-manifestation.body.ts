import {
  CHANNELS,
  CONTRACT_TYPES,
  MANIFESTATION_TYPES,
  REQUESTER_KINDS,
  THEMES,
  type Channel,
  type ContractType,
  type ManifestationType,
  type RequesterKind,
  type Theme,
} from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsObject, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsIsoInstant, NotBlank } from '../../input/validators';

export class RequesterBody {
  @ApiProperty({ enum: REQUESTER_KINDS })
  @IsIn(REQUESTER_KINDS)
  kind: RequesterKind;

  /** Only a DENUNCIA may be anonymous, and then without name, document, email or phone. */
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  /** Required unless anonymous. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  name?: string;

  /** CPF or CNPJ with valid check digits; punctuation is accepted. */
  @IsOptional()
  @IsString()
  @Length(11, 18)
  document?: string;

  /** At least one of email / phone is required unless anonymous. */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ pattern: '^\\+?[0-9 ()-]{8,20}$', required: false, example: '+55 83 99999-0000' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{8,20}$/, { message: 'phone must be 8 to 20 digits, optionally with +, spaces, (), -' })
  phone?: string;

  @IsOptional()
  @IsString()
  @Length(1, 40)
  beneficiaryCard?: string;
}

export class RegisterManifestationBody {
  @ApiProperty({ enum: MANIFESTATION_TYPES })
  @IsIn(MANIFESTATION_TYPES)
  type: ManifestationType;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @IsObject()
  @ValidateNested()
  @Type(() => RequesterBody)
  requester: RequesterBody;

  @ApiProperty({ enum: CONTRACT_TYPES, default: 'NAO_IDENTIFICADO', required: false })
  @IsOptional()
  @IsIn(CONTRACT_TYPES)
  contractType?: ContractType;

  @ApiProperty({ enum: THEMES, required: false })
  @IsOptional()
  @IsIn(THEMES)
  theme?: Theme;

  @IsString()
  @Length(1, 200)
  @NotBlank()
  subject: string;

  @IsString()
  @Length(1, 20000)
  @NotBlank()
  description: string;

  /** The earlier SAC protocol, when the requester has one; never required (RN 323 art. 1 §2–§3). */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  sacProtocol?: string;

  /** Protocol of the denied coverage request; required for REANALISE. */
  @IsOptional()
  @IsString()
  @Length(1, 50)
  deniedRequestProtocol?: string;

  /** ISO-8601 with offset; defaults to now; may not be in the future. */
  @IsOptional()
  @IsIsoInstant()
  receivedAt?: string;
}

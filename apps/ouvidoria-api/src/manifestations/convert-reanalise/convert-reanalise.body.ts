import { REANALISE_CONVERSION_TYPES, type ReanaliseConversionType } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { NotBlank } from '../../input/validators';

export class ConvertReanaliseBody {
  /** The ordinary manifestation the request really is. */
  @ApiProperty({ enum: REANALISE_CONVERSION_TYPES })
  @IsIn(REANALISE_CONVERSION_TYPES)
  toType: ReanaliseConversionType;

  /** Why it is not a review of a coverage denial. */
  @IsString()
  @Length(1, 2000)
  @NotBlank()
  reason: string;
}

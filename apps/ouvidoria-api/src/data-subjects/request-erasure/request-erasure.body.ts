import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Whose data to erase: a requester's document, or one case (then its data subject). Exactly one of them. */
export class RequestErasureBody {
  /** CPF or CNPJ with valid check digits; punctuation is accepted. */
  @ApiProperty({ required: false, example: '529.982.247-25' })
  @IsOptional()
  @IsString()
  @Length(11, 18)
  document?: string;

  /** A case; its data subject is erased (with a document, every case of that document). */
  @ApiProperty({ required: false, pattern: '^\\d{20}$' })
  @IsOptional()
  @IsString()
  protocol?: string;
}

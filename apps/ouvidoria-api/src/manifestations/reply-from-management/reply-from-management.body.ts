import { IsString, Length } from 'class-validator';
import { NotBlank } from '../../input/validators';

export class ReplyFromManagementBody {
  @IsString()
  @Length(1, 20000)
  @NotBlank()
  text: string;
}

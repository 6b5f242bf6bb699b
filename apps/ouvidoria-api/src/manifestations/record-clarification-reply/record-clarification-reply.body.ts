import { IsString, Length } from 'class-validator';

export class RecordClarificationReplyBody {
  /** The requester's reply, as they gave it. */
  @IsString()
  @Length(1, 5000)
  text: string;
}

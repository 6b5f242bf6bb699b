import { IsString, Length } from 'class-validator';

export class RequestClarificationBody {
  /** What the requester is asked; they see it on the public status route and in a notification. */
  @IsString()
  @Length(1, 2000)
  question: string;
}

import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RecordSatisfactionBody {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  @IsInt()
  @Min(1)
  @Max(5)
  score: number;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

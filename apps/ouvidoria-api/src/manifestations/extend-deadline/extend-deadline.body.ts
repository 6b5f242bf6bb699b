import { IsBoolean, IsInt, IsString, MaxLength } from 'class-validator';

/** Range and length rules are RN 323's and are judged by the domain, which names the field. */
export class ExtendDeadlineBody {
  /** Why the case needs longer; at least 20 characters. */
  @IsString()
  @MaxLength(5000)
  justification: string;

  /**
   * The whole agreed deadline in business days, counted from receipt: more than the standard
   * deadline (7) and at most MAX_EXTENSION_BUSINESS_DAYS (30, RN 323's maximum).
   */
  @IsInt()
  businessDays: number;

  /** The requester agreed to the longer deadline; must be true. */
  @IsBoolean()
  agreedWithRequester: boolean;
}

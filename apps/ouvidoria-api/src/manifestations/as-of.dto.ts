import { IsOptional } from 'class-validator';
import { IsIsoInstant } from '../input/validators';

export class AsOfParams {
  /** The case (or its history) as it stood at this instant: events recorded up to it. */
  @IsOptional()
  @IsIsoInstant()
  asOf?: string;
}

import { MANIFESTATION_TYPES, type ManifestationType } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** What a SAC system (role sac-integration) gets back: where its escalation went, not how it goes on. */
@ApiSchema({
  name: 'SacReceipt',
  description: 'The answer to a caller of role sac-integration: the protocol its escalation opened, when it is due, the access code once',
})
export class SacReceiptDto {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty({ required: false, description: "The requester's access code, only in the answer that opened the case" })
  accessCode?: string;
}

import {
  ANSWER_OUTCOMES,
  MANIFESTATION_TYPES,
  REQUESTER_STATUSES,
  type AnswerOutcome,
  type ManifestationType,
  type RequesterStatus,
  type RequesterView,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';

type Extension = NonNullable<RequesterView['extension']>;
type Pending = NonNullable<RequesterView['pendingClarification']>;
type Answer = NonNullable<RequesterView['answer']>;

@ApiSchema({ name: 'RequesterExtension' })
export class RequesterExtensionDto implements Extension {
  @ApiProperty()
  justification: string;

  @ApiProperty({ format: 'date-time' })
  extendedAt: string;
}

@ApiSchema({ name: 'PendingClarification', description: 'The question waiting for the requester’s reply' })
export class PendingClarificationDto implements Pending {
  @ApiProperty({ format: 'uuid' })
  clarificationId: string;

  @ApiProperty()
  question: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ description: 'That the deadline keeps running meanwhile (RN 323 has no pause)' })
  note: string;
}

@ApiSchema({ name: 'RequesterAnswer' })
export class RequesterAnswerDto implements Answer {
  @ApiProperty()
  text: string;

  @ApiProperty({ enum: ANSWER_OUTCOMES })
  outcome: AnswerOutcome;

  @ApiProperty({ format: 'date-time' })
  answeredAt: string;
}

@ApiSchema({
  name: 'RequesterView',
  description: 'The case as its requester sees it with the access code: what RN 323 says they must be told, nothing internal',
})
export class RequesterViewDto implements RequesterView {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ enum: REQUESTER_STATUSES })
  status: RequesterStatus;

  @ApiProperty({ description: 'The status in plain words (Portuguese)' })
  statusText: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time', description: 'The answer is due by then (the agreed one after an extension)' })
  deadline: string;

  @ApiProperty({ required: false, type: () => RequesterExtensionDto })
  extension?: RequesterExtensionDto;

  @ApiProperty({ required: false, type: () => PendingClarificationDto })
  pendingClarification?: PendingClarificationDto;

  @ApiProperty({ required: false, type: () => RequesterAnswerDto })
  answer?: RequesterAnswerDto;

  @ApiProperty()
  satisfactionRecorded: boolean;
}

import {
  FORWARDING_STATUSES,
  MANIFESTATION_STATUSES,
  MANIFESTATION_TYPES,
  REQUESTER_KINDS,
  THEMES,
  type DepartmentRequester,
  type ForwardingStatus,
  type ManifestationStatus,
  type ManifestationType,
  type RequesterKind,
  type Theme,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { InboxItem, InboxPage } from './department-inbox.reader';

@ApiSchema({
  name: 'InboxRequester',
  description: 'What the department sees of the requester: the kind; name, CPF/CNPJ, card and contact only when the forwarding shared them',
})
export class InboxRequesterDto implements DepartmentRequester {
  @ApiProperty({ enum: REQUESTER_KINDS })
  kind: RequesterKind;

  @ApiProperty({ required: false })
  name?: string;

  @ApiProperty({ required: false })
  document?: string;

  @ApiProperty({ required: false })
  beneficiaryCard?: string;

  @ApiProperty({ required: false })
  email?: string;

  @ApiProperty({ required: false })
  phone?: string;
}

@ApiSchema({ name: 'InboxReply' })
export class InboxReplyDto implements NonNullable<InboxItem['reply']> {
  @ApiProperty()
  text: string;

  @ApiProperty({ format: 'date-time' })
  repliedAt: string;
}

@ApiSchema({ name: 'InboxItem', description: 'A forwarding to the department, with what it needs of its case' })
export class InboxItemDto implements InboxItem {
  @ApiProperty({ format: 'uuid' })
  forwardingId: string;

  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ enum: THEMES, nullable: true })
  theme: Theme | null;

  @ApiProperty()
  subject: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  instructions: string;

  @ApiProperty({ format: 'date-time' })
  forwardedAt: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: FORWARDING_STATUSES })
  status: ForwardingStatus;

  @ApiProperty({ enum: MANIFESTATION_STATUSES, description: "The case's own status" })
  caseStatus: ManifestationStatus;

  @ApiProperty({ required: false, type: () => InboxRequesterDto, description: 'Absent for a DENUNCIA' })
  requester?: InboxRequesterDto;

  @ApiProperty({ required: false, type: () => InboxReplyDto })
  reply?: InboxReplyDto;
}

@ApiSchema({ name: 'InboxPage', description: "One page of a department's inbox, soonest due first" })
export class InboxPageDto implements InboxPage {
  @ApiProperty({ type: () => [InboxItemDto] })
  items: InboxItemDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

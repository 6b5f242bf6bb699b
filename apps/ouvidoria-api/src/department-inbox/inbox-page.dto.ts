import {
  FORWARDING_STATUSES,
  MANIFESTATION_STATUSES,
  MANIFESTATION_TYPES,
  THEMES,
  type ForwardingStatus,
  type ManifestationStatus,
  type ManifestationType,
  type Theme,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DepartmentRequesterDto } from '../manifestations';
import type { InboxItem, InboxPage } from './department-inbox.reader';

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

  @ApiProperty({ required: false, type: () => DepartmentRequesterDto, description: 'Absent for a DENUNCIA' })
  requester?: DepartmentRequesterDto;

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

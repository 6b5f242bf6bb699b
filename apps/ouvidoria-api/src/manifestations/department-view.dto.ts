import {
  MANIFESTATION_STATUSES,
  MANIFESTATION_TYPES,
  REQUESTER_KINDS,
  THEMES,
  type DepartmentRequester,
  type ManifestationStatus,
  type ManifestationType,
  type RequesterKind,
  type Theme,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AttachmentViewDto } from './attachments/attachment-view.dto';
import type { DepartmentManifestationResponse } from './department-view';
import { ForwardingDto } from './manifestation-view.dto';

@ApiSchema({
  name: 'DepartmentRequester',
  description: 'What a department sees of the requester: the kind, and who they are only when a forwarding shared it',
})
export class DepartmentRequesterDto implements DepartmentRequester {
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

@ApiSchema({
  name: 'DepartmentManifestationView',
  description: 'A case as a department user sees it: only its own forwardings and the attachments they share, the requester minimised',
})
export class DepartmentManifestationViewDto implements DepartmentManifestationResponse {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ enum: MANIFESTATION_STATUSES })
  status: ManifestationStatus;

  @ApiProperty({ enum: THEMES, nullable: true })
  theme: Theme | null;

  @ApiProperty()
  subject: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty({ required: false, type: () => DepartmentRequesterDto, description: 'Absent for a DENUNCIA' })
  requester?: DepartmentRequesterDto;

  @ApiProperty({ type: () => [ForwardingDto] })
  forwardings: ForwardingDto[];

  @ApiProperty({ type: () => [AttachmentViewDto] })
  attachments: AttachmentViewDto[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The revision of the case: its ETag, for If-Match' })
  revision: number;
}

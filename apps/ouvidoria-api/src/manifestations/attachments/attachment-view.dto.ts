import { ATTACHMENT_SOURCES, type AttachmentSource } from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AttachmentView } from './attachment-view';

@ApiSchema({ name: 'Attachment', description: 'A file joined to a case (its bytes: GET .../attachments/{attachmentId})' })
export class AttachmentViewDto implements AttachmentView {
  @ApiProperty({ format: 'uuid' })
  attachmentId: string;

  @ApiProperty({ description: 'The file name as uploaded', example: 'laudo.pdf' })
  name: string;

  @ApiProperty({ description: 'Judged from the bytes, not from what the client said', example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Bytes' })
  size: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file as received (hex)' })
  sha256: string;

  @ApiProperty({ enum: ATTACHMENT_SOURCES, description: 'Who sent it: the Ouvidoria, or the requester on the public route' })
  addedBy: AttachmentSource;

  @ApiProperty({ format: 'date-time' })
  addedAt: string;
}

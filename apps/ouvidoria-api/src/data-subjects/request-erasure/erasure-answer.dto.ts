import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ErasureAnswer } from '../erasure';

type Erased = Extract<ErasureAnswer, { status: 'ERASED' }>;
type Scheduled = Extract<ErasureAnswer, { status: 'SCHEDULED' }>;

const SUBJECT = 'The data subject: a keyed hash of the document (or of the case, when it has none)';

@ApiSchema({ name: 'ErasureDone', description: "The subject's keys are destroyed: its personal data read `[erased]`" })
export class ErasureDoneDto implements Erased {
  @ApiProperty({ enum: ['ERASED'] })
  status: 'ERASED';

  @ApiProperty({ description: SUBJECT })
  dataSubject: string;

  @ApiProperty({ type: 'string', isArray: true, description: 'Its cases' })
  protocols: string[];

  @ApiProperty({ format: 'date-time' })
  erasedAt: string;
}

@ApiSchema({ name: 'ErasureScheduled', description: 'A case is under retention: the retention job erases the data at effectiveAt' })
export class ErasureScheduledDto implements Scheduled {
  @ApiProperty({ enum: ['SCHEDULED'] })
  status: 'SCHEDULED';

  @ApiProperty({ description: SUBJECT })
  dataSubject: string;

  @ApiProperty({ type: 'string', isArray: true, description: 'Its cases' })
  protocols: string[];

  @ApiProperty({ format: 'date-time', nullable: true, description: 'When the last retention period ends; null while a case is open' })
  effectiveAt: string | null;

  @ApiProperty({ type: 'string', isArray: true, description: 'Its cases still open' })
  awaitingClosing: string[];
}

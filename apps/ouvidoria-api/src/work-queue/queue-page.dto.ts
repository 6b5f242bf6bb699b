import {
  CHANNELS,
  MANIFESTATION_STATUSES,
  MANIFESTATION_TYPES,
  THEMES,
  type Channel,
  type ManifestationStatus,
  type ManifestationType,
  type Theme,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { QueueItem, QueuePage, QueueStats } from './work-queue.reader';

@ApiSchema({ name: 'QueueItem', description: 'A case in the work queue' })
export class QueueItemDto implements QueueItem {
  @ApiProperty({ pattern: '^\\d{20}$' })
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ enum: CHANNELS })
  channel: Channel;

  @ApiProperty({ enum: THEMES, nullable: true })
  theme: Theme | null;

  @ApiProperty({ enum: MANIFESTATION_STATUSES })
  status: ManifestationStatus;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date-time' })
  deadline: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Business days until the deadline (0 = due today), negative when overdue; null once answered',
  })
  businessDaysLeft: number | null;

  @ApiProperty({ type: 'string', isArray: true, description: 'Departments with a PENDING forwarding of the case' })
  pendingDepartments: string[];
}

@ApiSchema({ name: 'QueuePage', description: 'One page of the work queue, soonest deadline first' })
export class QueuePageDto implements QueuePage {
  @ApiProperty({ type: () => [QueueItemDto] })
  items: QueueItemDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

@ApiSchema({ name: 'DepartmentStats', description: "A department's PENDING forwardings on cases not closed, by their own due date" })
export class DepartmentStatsDto {
  @ApiProperty({ example: 'regulacao' })
  department: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  pending: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  overdue: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  dueWithin2BusinessDays: number;
}

@ApiSchema({ name: 'QueueStats', description: 'Counts of the open cases' })
export class QueueStatsDto implements QueueStats {
  @ApiProperty({ type: 'integer', minimum: 0 })
  open: number;

  @ApiProperty({ type: 'integer', minimum: 0 })
  overdue: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Open, not overdue, due within 2 business days' })
  dueWithin2BusinessDays: number;

  @ApiProperty({ type: () => [DepartmentStatsDto] })
  departments: DepartmentStatsDto[];
}

import { Query } from '@nestjs/cqrs';
import type { QueueStats } from './work-queue.reader';

export class GetStatsQuery extends Query<QueueStats> {
  constructor(readonly minPosition?: string) {
    super();
  }
}

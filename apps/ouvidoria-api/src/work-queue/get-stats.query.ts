import { Query } from '@nestjs/cqrs';
import type { QueueStats } from './work-queue.reader';

export class GetStats extends Query<QueueStats> {
  constructor(readonly minPosition?: string) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { QueueFilter, QueuePage } from './work-queue.reader';

export class ListManifestationsQuery extends Query<QueuePage> {
  constructor(
    readonly filter: QueueFilter,
    readonly minPosition?: string,
  ) {
    super();
  }
}

import type { RecordedEvent } from '@app/event-store';
import { Query } from '@nestjs/cqrs';

/** Every stored event of a case, in order; empty when no such case exists. */
export class GetHistory extends Query<RecordedEvent[]> {
  constructor(readonly protocol: string) {
    super();
  }
}

import type { RecordedEvent } from '@app/event-store';
import { Query } from '@nestjs/cqrs';

/** Every stored event of a manifestation, in order, recorded up to `asOf` (ISO instant) when given; empty when none. */
export class GetHistoryQuery extends Query<RecordedEvent[]> {
  constructor(
    readonly protocol: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

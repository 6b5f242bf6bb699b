import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { manifestationStreamId } from '../../application/manifestation-stream';
import { GetHistory } from './get-history.query';

@QueryHandler(GetHistory)
export class GetHistoryHandler implements IQueryHandler<GetHistory, RecordedEvent[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ protocol }: GetHistory): Promise<RecordedEvent[]> {
    return this.store.readStream(manifestationStreamId(protocol));
  }
}

import { manifestationStreamId, shownData } from '@app/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetHistoryQuery } from './get-history.query';

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery, RecordedEvent[]> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ protocol, asOf }: GetHistoryQuery): Promise<RecordedEvent[]> {
    const events = (await this.store.readStream(manifestationStreamId(protocol))).map((e) => ({ ...e, data: shownData(e.data) }));
    return asOf === undefined ? events : events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(asOf));
  }
}

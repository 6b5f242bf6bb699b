import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { foldManifestation, manifestationStreamId } from '../../application/manifestation-stream';
import { GetManifestation, type CaseSnapshot } from './get-manifestation.query';

@QueryHandler(GetManifestation)
export class GetManifestationHandler implements IQueryHandler<GetManifestation, CaseSnapshot | null> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ protocol }: GetManifestation): Promise<CaseSnapshot | null> {
    const events = await this.store.readStream(manifestationStreamId(protocol));
    const manifestation = foldManifestation(events);
    return manifestation ? { manifestation, revision: events[events.length - 1].revision } : null;
  }
}

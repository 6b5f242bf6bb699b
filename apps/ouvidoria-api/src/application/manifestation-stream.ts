import { evolve, initialState, type ManifestationEvent, type ManifestationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

export const manifestationStreamId = (protocol: string) => `manifestation-${protocol}`;

export const toDomainEvent = (event: RecordedEvent) => ({ type: event.type, data: event.data }) as ManifestationEvent;

/** Folds stored events into the case. */
export const foldManifestation = (events: RecordedEvent[]): ManifestationState =>
  events.reduce((state, event) => evolve(state, toDomainEvent(event)), initialState());

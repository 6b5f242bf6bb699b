import { evolve, initialState, type ManifestationEvent, type ManifestationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

export const manifestationStreamId = (protocol: string) => `manifestation-${protocol}`;

export const toDomainEvent = (event: RecordedEvent) => ({ type: event.type, data: event.data }) as ManifestationEvent;

/** Folds stored events into the case; `upTo` stops at a revision (inclusive). */
export function foldManifestation(events: RecordedEvent[], upTo?: bigint): ManifestationState {
  let state = initialState();
  for (const event of events) {
    if (upTo !== undefined && event.revision > upTo) break;
    state = evolve(state, toDomainEvent(event));
  }
  return state;
}

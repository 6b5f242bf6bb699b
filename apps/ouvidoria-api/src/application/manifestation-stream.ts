import { evolve, initialState, type ManifestationEvent, type ManifestationState } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { fold } from './command-path';

const CASE_STREAM = 'manifestation-';

export const manifestationStreamId = (protocol: string) => `${CASE_STREAM}${protocol}`;

/** The protocol of a case stream; null for any other stream. */
export const protocolOf = (streamId: string): string | null =>
  streamId.startsWith(CASE_STREAM) ? streamId.slice(CASE_STREAM.length) : null;

/** For exhaustive switches over event types: a new event type fails to compile until handled. */
export function unhandled(event: never): never {
  throw new Error(`unhandled event ${(event as { type: string }).type}`);
}

export const toDomainEvent = (event: RecordedEvent) => ({ type: event.type, data: event.data }) as ManifestationEvent;

/** Folds stored events into the case. */
export const foldManifestation = (events: RecordedEvent[]): ManifestationState =>
  fold({ evolve, initialState }, events);

import type { RecordedEvent } from '@app/event-store';

/** Where a personal value stood in `data` before it was sealed into the marker. */
export const SEALED = '[sealed]';

/**
 * Where a read model finds an event's personal values: the event itself, in the log, where they
 * are sealed. The read model keeps this pointer, never the values; they are opened only for the
 * rows a query returns (`SubjectKeys.openValues`): a rebuild opens nothing, the read model's file
 * reveals nothing, and once the subject's keys are destroyed they open to `[erased]`.
 */
export interface SealedValuesRef {
  position: string;
  eventId: string;
}

/** Where the event's sealed values are, to keep; null for an event without (nothing personal, or not sealed). */
export function sealedValuesRefOf(event: RecordedEvent): SealedValuesRef | null {
  return event.metadata.personalData ? { position: String(event.position), eventId: event.id } : null;
}

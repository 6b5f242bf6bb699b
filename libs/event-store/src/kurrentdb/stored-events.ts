import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { DamagedEvent } from '../event-store.port';

/**
 * How our events sit in KurrentDB: data as JSON, and our metadata with one extra key, `chain`,
 * holding what the port records beside each event (the instant it was recorded and its chain
 * hash), so that every store computes and verifies the same hash.
 */
interface StoredMetadata extends EventMetadata {
  chain: { recordedAt: string; hash: string };
}

export function toEventData(event: RecordedEvent): EventData {
  const metadata: StoredMetadata = { ...event.metadata, chain: { recordedAt: event.recordedAt, hash: event.hash } };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/**
 * A stored event read back, under the stream id the port knows (without the store's prefix); one
 * that is not what this product writes (no JSON, no chain) is damaged.
 */
export function fromResolved(resolved: ResolvedEvent | AllStreamResolvedEvent, prefix: string): RecordedEvent {
  const event = resolved.event!;
  const streamId = event.streamId.startsWith(prefix) ? event.streamId.slice(prefix.length) : event.streamId;
  const position = event.position?.commit ?? 0n;
  const damaged = (detail: string) => new DamagedEvent(streamId, event.revision, position, detail);
  if (!event.isJson) throw damaged('it is not JSON');
  const { chain, ...metadata } = (event.metadata ?? {}) as Partial<StoredMetadata>;
  if (!chain || typeof chain.hash !== 'string' || typeof chain.recordedAt !== 'string') throw damaged('its metadata has no chain');
  return {
    streamId,
    id: event.id,
    type: event.type,
    revision: event.revision,
    position,
    data: event.data as Record<string, unknown>,
    metadata: metadata as EventMetadata,
    recordedAt: chain.recordedAt,
    hash: chain.hash,
  };
}

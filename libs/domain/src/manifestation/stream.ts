import type { Decider, StoredEvent } from '../decider';
import type { ManifestationCommand } from './commands';
import { decide, type DecisionContext } from './decide';
import type { ManifestationEvent } from './events';
import { evolve, initialState, type ManifestationState } from './state';

const STREAM_PREFIX = 'manifestation-';

/** Every manifestation is one stream: `manifestation-<protocol>`. */
export const manifestationStreamId = (protocol: string) => `${STREAM_PREFIX}${protocol}`;

/** The protocol of a manifestation stream; null for any other stream. */
export const protocolOf = (streamId: string): string | null =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : null;

/**
 * A stored event of a manifestation stream as the domain's event. Older shapes are upcast here and
 * nowhere else: forwardings written before `shareRequesterContact` existed shared nothing.
 */
export function decodeManifestationEvent(stored: StoredEvent): ManifestationEvent {
  const event = { type: stored.type, data: stored.data } as ManifestationEvent;
  if (event.type === 'ForwardedToManagement' && event.data.shareRequesterContact === undefined) {
    return { ...event, data: { ...event.data, shareRequesterContact: false } };
  }
  return event;
}

export const manifestationDecider: Decider<ManifestationCommand, ManifestationState, ManifestationEvent, DecisionContext> = {
  decide,
  evolve,
  initialState,
  decode: decodeManifestationEvent,
};

import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** hash = sha256(prevHash + canonical event): changing any stored byte breaks the chain from there on. */
export function chainHash(prevHash: string, event: HashedFields): string {
  // Only the listed fields: a recorded event also carries its own hash and a position.
  const { streamId, revision, id, type, data, metadata, recordedAt } = event;
  const canonical = canonicalJson({ streamId, revision: revision.toString(), id, type, data, metadata, recordedAt });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** The revision of the first event whose stored hash does not match, or null when the chain holds. */
export function firstBrokenLink(events: Array<HashedFields & { hash: string }>): bigint | null {
  let prev = GENESIS_HASH;
  for (const event of events) {
    if (chainHash(prev, event) !== event.hash) return event.revision;
    prev = event.hash;
  }
  return null;
}

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

export interface BrokenLink {
  streamId: string;
  revision: bigint;
  reason: string;
}

/**
 * Checks hash chains over events in log order, any number of streams interleaved: each event
 * must be the next revision of its stream and carry the hash its predecessor and content give.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();

  /** Null when the event extends its stream's chain, else what is wrong with it. */
  check(event: HashedFields & { hash: string }): BrokenLink | null {
    const head = this.heads.get(event.streamId);
    const expected = head ? head.revision + 1n : 0n;
    const broken = (reason: string) => ({ streamId: event.streamId, revision: event.revision, reason });
    if (event.revision !== expected) return broken(`expected revision ${expected}, found ${event.revision}`);
    if (chainHash(head?.hash ?? GENESIS_HASH, event) !== event.hash) return broken('stored hash does not match the event');
    this.heads.set(event.streamId, { revision: event.revision, hash: event.hash });
    return null;
  }
}

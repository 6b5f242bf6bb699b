import { ChainVerifier, type HashedFields } from '../src/hash-chain';

/** The first broken link of one stream's events, or null when the chain holds. */
export function firstBrokenLink(events: Array<HashedFields & { hash: string }>): bigint | null {
  const verifier = new ChainVerifier();
  for (const event of events) {
    if (verifier.check(event)) return event.revision;
  }
  return null;
}

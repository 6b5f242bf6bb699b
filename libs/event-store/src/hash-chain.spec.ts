import { firstBrokenLink } from '../test-support/first-broken-link';
import { ChainVerifier, chainHash, GENESIS_HASH, type HashedFields } from './hash-chain';

const fields = (revision: bigint, data: Record<string, unknown> = { n: Number(revision) }): HashedFields => ({
  streamId: 'manifestation-1',
  revision,
  id: `event-${revision}`,
  type: 'Something',
  data,
  metadata: { actor: 'tester' },
  recordedAt: '2024-03-01T12:00:00.000Z',
});

/** Hashes the events in order, as the store does on append. */
function chain(events: HashedFields[]): Array<HashedFields & { hash: string }> {
  let prev = GENESIS_HASH;
  return events.map((event) => {
    const hash = chainHash(prev, event);
    prev = hash;
    return { ...event, hash };
  });
}

describe('chainHash', () => {
  it('is a hex sha256, stable for the same input', () => {
    const hash = chainHash(GENESIS_HASH, fields(0n));

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, fields(0n))).toBe(hash);
  });

  it('does not depend on the key order of data', () => {
    const a = fields(0n, { x: 1, y: 2 });
    const b = fields(0n, { y: 2, x: 1 });

    expect(chainHash(GENESIS_HASH, a)).toBe(chainHash(GENESIS_HASH, b));
  });

  it('changes with the previous hash and with every hashed field', () => {
    const base = fields(0n);
    const hash = chainHash(GENESIS_HASH, base);
    const variants: HashedFields[] = [
      { ...base, streamId: 'manifestation-2' },
      { ...base, revision: 1n },
      { ...base, id: 'other' },
      { ...base, type: 'Other' },
      { ...base, data: { n: 1 } },
      { ...base, metadata: { actor: 'someone else' } },
      { ...base, recordedAt: '2024-03-01T12:00:00.001Z' },
    ];

    expect(chainHash('f'.repeat(64), base)).not.toBe(hash);
    for (const variant of variants) expect(chainHash(GENESIS_HASH, variant)).not.toBe(hash);
  });

  // firstBrokenLink hands it whole stored events, which carry their own hash and a bigint position.
  it('hashes only the HashedFields, not other properties riding along', () => {
    const base = fields(0n);
    const stored = { ...base, hash: 'f'.repeat(64), position: 1n };

    expect(chainHash(GENESIS_HASH, stored)).toBe(chainHash(GENESIS_HASH, base));
  });
});

describe('firstBrokenLink', () => {
  it('is null for an empty stream and for an intact chain', () => {
    expect(firstBrokenLink([])).toBeNull();
    expect(firstBrokenLink(chain([fields(0n), fields(1n), fields(2n)]))).toBeNull();
  });

  it('names the revision whose content was changed', () => {
    const events = chain([fields(0n), fields(1n), fields(2n)]);
    events[1] = { ...events[1], data: { n: 999 } };

    expect(firstBrokenLink(events)).toBe(1n);
  });

  it('names the revision whose stored hash was changed', () => {
    const events = chain([fields(0n), fields(1n), fields(2n)]);
    events[2] = { ...events[2], hash: 'f'.repeat(64) };

    expect(firstBrokenLink(events)).toBe(2n);
  });

  it('notices a removed event: the next one no longer links to its predecessor', () => {
    const events = chain([fields(0n), fields(1n), fields(2n)]);

    expect(firstBrokenLink([events[0], events[2]])).toBe(2n);
  });

  it('notices a chain that does not start from the genesis hash', () => {
    const events = chain([fields(0n), fields(1n)]);

    expect(firstBrokenLink(events.slice(1))).toBe(1n);
  });

  // A RecordedEvent is passed straight in by callers: it also has a bigint `position` and the `hash`
  // itself, neither of which was hashed on append.
  it('ignores fields that are not hashed, such as a recorded position', () => {
    const events = chain([fields(0n), fields(1n)]).map((event, i) => ({ ...event, position: BigInt(i + 1) }));

    expect(firstBrokenLink(events)).toBeNull();
  });
});

describe('ChainVerifier', () => {
  const link = (streamId: string, revision: bigint, prev: string, data: unknown = { n: Number(revision) }) => {
    const fields = {
      streamId,
      revision,
      id: `${streamId}-${revision}`,
      type: 'T',
      data,
      metadata: {},
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    return { ...fields, hash: chainHash(prev, fields) };
  };

  it('accepts interleaved streams, each extending its own chain', () => {
    const a0 = link('a', 0n, GENESIS_HASH);
    const b0 = link('b', 0n, GENESIS_HASH);
    const a1 = link('a', 1n, a0.hash);
    const verifier = new ChainVerifier();
    expect([a0, b0, a1].map((e) => verifier.check(e))).toEqual([null, null, null]);
  });

  it('names the stream and revision of a missing event, a tampered event and a wrong first revision', () => {
    const a0 = link('a', 0n, GENESIS_HASH);
    const a1 = link('a', 1n, a0.hash);
    const a2 = link('a', 2n, a1.hash);
    const skipping = new ChainVerifier();
    skipping.check(a0);
    expect(skipping.check(a2)).toEqual({ streamId: 'a', revision: 2n, reason: 'expected revision 1, found 2' });

    const tampered = new ChainVerifier();
    tampered.check(a0);
    expect(tampered.check({ ...a1, data: { n: 99 } })).toEqual({
      streamId: 'a',
      revision: 1n,
      reason: 'stored hash does not match the event',
    });

    expect(new ChainVerifier().check(a1)).toEqual({ streamId: 'a', revision: 1n, reason: 'expected revision 0, found 1' });
  });
});

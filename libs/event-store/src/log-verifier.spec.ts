import type { RecordedEvent } from './event-store.port';
import { chainHash, GENESIS_HASH } from './hash-chain';
import { EMPTY_LOG_HASH, formatAnchor, parseAnchor, rollOn, SEAL_EVENT, SEAL_STREAM, type Seal } from './log-seal';
import { LogVerifier } from './log-verifier';

/** A log written the way the store writes it: per-stream revisions and chain hashes, global positions. */
class Log {
  readonly events: RecordedEvent[] = [];
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();

  append(streamId: string, type = 'Something', data: Record<string, unknown> = {}): RecordedEvent {
    const head = this.heads.get(streamId);
    const fields = {
      streamId,
      revision: head ? head.revision + 1n : 0n,
      id: `event-${this.events.length + 1}`,
      type,
      data,
      metadata: {
        eventId: `event-${this.events.length + 1}`,
        occurredAt: '2026-04-01T13:00:00.000Z',
        actor: { sub: 's', role: 'r' },
        correlationId: 'c',
        causationId: 'c',
      },
      recordedAt: '2026-04-01T13:00:00.000Z',
    };
    const event = { ...fields, position: BigInt(this.events.length + 1), hash: chainHash(head?.hash ?? GENESIS_HASH, fields) };
    this.heads.set(streamId, { revision: event.revision, hash: event.hash });
    this.events.push(event);
    return event;
  }

  /** What a sealer records now: the rolling hash over everything so far, as an event of the log. */
  seal(): Seal {
    const seal = this.coverage();
    this.append(SEAL_STREAM, SEAL_EVENT, { ...seal, sealedAt: '2026-04-01T13:00:05.000Z' });
    return seal;
  }

  coverage(events = this.events): Seal {
    const last = events[events.length - 1];
    return {
      events: events.length,
      lastEventId: last.id,
      lastPosition: String(last.position),
      rollingHash: events.reduce((r, e) => rollOn(r, e.hash), EMPTY_LOG_HASH),
    };
  }
}

/** Runs the verifier over `events` as `verifyLog` does: seals fed in order, each before the event it needs. */
function verify(events: RecordedEvent[], anchor?: Seal) {
  const verifier = new LogVerifier(anchor ? { label: 'the anchor', covers: anchor } : null);
  const seals = events.filter((e) => e.streamId === SEAL_STREAM).map((e) => e.data as unknown as Seal);
  for (const event of events) {
    if (verifier.wantsSeal && seals.length > 0) verifier.expect('a seal', seals.shift()!);
    const broken = verifier.check(event);
    if (broken) return broken;
  }
  return verifier.finish();
}

const without = (events: RecordedEvent[], id: string) => events.filter((e) => e.id !== id);

describe('LogVerifier', () => {
  let log: Log;
  beforeEach(() => {
    log = new Log();
    log.append('case-a');
    log.append('case-b');
    log.append('case-a'); // event-3: the last event of case-a
    log.append('case-b');
    log.seal(); // event-5
    log.append('case-c');
    log.seal(); // event-7
  });

  it('passes an untouched log, with its seals', () => {
    expect(verify(log.events)).toBeNull();
  });

  it("sees the deletion of a stream's last event, which its chain cannot", () => {
    const broken = verify(without(log.events, 'event-3'));
    expect(broken).toMatchObject({ reason: expect.stringContaining('a seal') });
  });

  it('sees a whole stream removed', () => {
    expect(verify(log.events.filter((e) => e.streamId !== 'case-c'))).not.toBeNull();
  });

  it('sees an event added before a seal, even with a correct chain of its own', () => {
    const forged = new Log();
    for (const e of log.events.slice(0, 4)) forged.append(e.streamId);
    forged.append('case-z'); // an extra stream slipped in before the first seal
    const events = [...forged.events, ...log.events.slice(4)];
    expect(verify(events)).not.toBeNull();
  });

  it('sees the log truncated inside what a seal covers', () => {
    const truncated = log.events.slice(0, 6).filter((e) => e.id !== 'event-4');
    expect(verify(truncated)).not.toBeNull();
  });

  it('cannot see events removed after the last seal together with it, but an anchor kept outside can', () => {
    const anchor = log.coverage();
    const cut = log.events.slice(0, 5); // case-c and the last seal are gone
    expect(verify(cut)).toBeNull();
    expect(verify(cut, anchor)).toMatchObject({ reason: expect.stringContaining('truncated') });
    expect(verify(log.events, anchor)).toBeNull();
  });

  it('refuses an anchor whose events were rewritten, chains and seals included', () => {
    const anchor = log.coverage();
    const rewritten = new Log();
    rewritten.append('case-a', 'Something', { changed: true });
    for (const e of log.events.slice(1, 4)) rewritten.append(e.streamId);
    rewritten.seal();
    rewritten.append('case-c');
    rewritten.seal();
    expect(verify(rewritten.events)).toBeNull();
    expect(verify(rewritten.events, anchor)).toMatchObject({ reason: expect.stringContaining('no longer matches') });
  });

  it('reports a broken chain where it is', () => {
    const events = log.events.map((e) => (e.id === 'event-2' ? { ...e, data: { edited: true } } : e));
    expect(verify(events)).toMatchObject({ position: 2n, streamId: 'case-b', revision: 0n });
  });
});

describe('anchors', () => {
  it('are one line that reads back as the seal', () => {
    const seal = { events: 42, lastEventId: '0b1c6f4e-5e0e-4d0a-9b8c-1f2e3d4c5b6a', rollingHash: 'a'.repeat(64) };
    expect(parseAnchor(formatAnchor(seal))).toEqual(seal);
  });

  it.each(['', 'seal:0:x:' + 'a'.repeat(64), 'seal:1:x:abc', 'seal:x:y:' + 'a'.repeat(64), 'other:1:x:' + 'a'.repeat(64)])(
    'refuses %p',
    (text) => {
      expect(parseAnchor(text)).toBeNull();
    },
  );
});

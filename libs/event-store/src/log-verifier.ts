import type { RecordedEvent } from './event-store.port';
import { ChainVerifier } from './hash-chain';
import { EMPTY_LOG_HASH, rollOn, type Seal } from './log-seal';

/** Where verification found the log not to be what was written, and why. */
export interface LogBreak {
  position: bigint;
  streamId: string;
  revision: bigint;
  reason: string;
}

/** A point the log must still pass exactly: a seal of its own, or an auditor's anchor. */
interface Expectation {
  label: string;
  covers: Pick<Seal, 'events' | 'lastEventId' | 'rollingHash'>;
}

/**
 * Verifies a log walked in order: every stream's hash chain, and the rolling hash over all events
 * against the seals (fed in order with `expect`) and an optional anchor. A seal or anchor holds
 * when the log reaches its last event after exactly its count of events with its rolling hash;
 * any event deleted, added or changed before that point breaks it.
 */
export class LogVerifier {
  private readonly chains = new ChainVerifier();
  private rolling = EMPTY_LOG_HASH;
  private count = 0;
  private seal: Expectation | null = null;
  private last: Pick<LogBreak, 'position' | 'streamId' | 'revision'> = { position: 0n, streamId: '', revision: 0n };

  constructor(private anchor: Expectation | null = null) {}

  get events(): number {
    return this.count;
  }

  /** True when no seal is being checked: the caller feeds the next one, if there is one. */
  get wantsSeal(): boolean {
    return this.seal === null;
  }

  expect(label: string, covers: Expectation['covers']): void {
    this.seal = { label, covers };
  }

  check(event: RecordedEvent): LogBreak | null {
    const at = { position: event.position, streamId: event.streamId, revision: event.revision };
    this.last = at;
    const chain = this.chains.check(event);
    if (chain) return { ...at, reason: chain.reason };
    this.rolling = rollOn(this.rolling, event.hash);
    this.count++;
    for (const which of ['seal', 'anchor'] as const) {
      const expectation = this[which];
      if (!expectation) continue;
      const { covers, label } = expectation;
      if (event.id === covers.lastEventId) {
        if (this.count !== covers.events || this.rolling !== covers.rollingHash) {
          return { ...at, reason: `${label} no longer matches the log: an event before or at it was deleted, added or changed` };
        }
        this[which] = null;
      } else if (this.count >= covers.events) {
        return {
          ...at,
          reason: `${label} ends at event ${covers.lastEventId} after ${covers.events} events, which the log no longer has there`,
        };
      }
    }
    return null;
  }

  /** After the last event: a seal or anchor not reached means the log was truncated before its end. */
  finish(): LogBreak | null {
    const pending = this.seal ?? this.anchor;
    if (!pending) return null;
    return {
      ...this.last,
      reason: `the log ends after ${this.count} events, before the end of ${pending.label} (${pending.covers.events} events): it was truncated`,
    };
  }
}

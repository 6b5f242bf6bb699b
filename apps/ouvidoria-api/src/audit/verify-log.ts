import { DamagedEvent, formatAnchor, LogVerifier, type EventStore, type LogBreak, type Seal } from '@app/event-store';
import { sealEvents, sealOf } from './seal-stream';

export interface LogReport {
  events: number;
  streams: number;
  /** Seals of the log checked on the way. */
  seals: number;
  broken: LogBreak | null;
}

const PAGE = 1000;

/**
 * Walks the whole log in order: every stream's chain, every seal the log holds and, when given,
 * an auditor's anchor (`audit:anchor`). Stops at the first break; a damaged event is one, reported
 * by position and stream.
 */
export async function verifyLog(store: EventStore, anchor?: Pick<Seal, 'events' | 'lastEventId' | 'rollingHash'>): Promise<LogReport> {
  const verifier = new LogVerifier(anchor ? { label: `the anchor ${formatAnchor(anchor)}`, covers: anchor } : null);
  const seals = sealEvents(store);
  let sealsLeft = true;
  let checkedSeals = 0;
  const streams = new Set<string>();
  const report = (broken: LogBreak | null): LogReport => ({ events: verifier.events, streams: streams.size, seals: checkedSeals, broken });
  try {
    for (let after = 0n; ;) {
      const page = await store.readAll({ after, maxCount: PAGE });
      if (page.length === 0) return report(verifier.finish());
      for (const event of page) {
        if (verifier.wantsSeal && sealsLeft) {
          const next = await seals.next();
          if (next.done) {
            sealsLeft = false;
          } else {
            const seal = sealOf(next.value);
            if (!seal) return report({ ...next.value, reason: 'this seal event is not a well-formed seal' });
            verifier.expect(`seal #${next.value.revision} (${seal.events} events)`, seal);
            checkedSeals++;
          }
        }
        const broken = verifier.check(event);
        if (broken) return report(broken);
        streams.add(event.streamId);
      }
      after = page[page.length - 1].position;
    }
  } catch (error) {
    if (!(error instanceof DamagedEvent)) throw error;
    return report({ position: error.position, streamId: error.streamId, revision: error.revision, reason: error.message });
  }
}

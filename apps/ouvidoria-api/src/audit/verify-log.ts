import { ChainVerifier, type BrokenLink, type EventStore } from '@app/event-store';

export interface LogReport {
  events: number;
  streams: number;
  broken: BrokenLink | null;
}

const PAGE = 1000;

/** Walks the whole log in order, checking every stream's chain; stops at the first break. */
export async function verifyLog(store: EventStore): Promise<LogReport> {
  const verifier = new ChainVerifier();
  const streams = new Set<string>();
  let events = 0;
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return { events, streams: streams.size, broken: null };
    for (const event of page) {
      const broken = verifier.check(event);
      if (broken) return { events, streams: streams.size, broken };
      streams.add(event.streamId);
      events++;
    }
    after = page[page.length - 1].position;
  }
}

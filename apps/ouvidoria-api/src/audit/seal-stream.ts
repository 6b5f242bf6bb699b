import { SEAL_EVENT, SEAL_STREAM, type EventStore, type RecordedEvent, type Seal } from '@app/event-store';

/** A seal as stored: the event's data, and when it was made. */
export type StoredSeal = Seal & { sealedAt: string };

const HASH = /^[0-9a-f]{64}$/;

/** The seal a stored event holds; null when it is not a well-formed seal. */
export function sealOf(event: RecordedEvent): StoredSeal | null {
  if (event.streamId !== SEAL_STREAM || event.type !== SEAL_EVENT) return null;
  const { events, lastEventId, lastPosition, rollingHash, sealedAt } = event.data as Partial<StoredSeal>;
  const wellFormed =
    Number.isSafeInteger(events) &&
    (events as number) > 0 &&
    typeof lastEventId === 'string' &&
    typeof lastPosition === 'string' &&
    typeof rollingHash === 'string' &&
    HASH.test(rollingHash) &&
    typeof sealedAt === 'string';
  return wellFormed
    ? { events: events!, lastEventId: lastEventId!, lastPosition: lastPosition!, rollingHash: rollingHash!, sealedAt: sealedAt! }
    : null;
}

/**
 * The latest event of the seal stream: its revision (the next seal's expected revision) and the
 * seal it holds, null when it is not a well-formed seal. Null before the first seal.
 */
export async function latestSeal(store: EventStore): Promise<{ seal: StoredSeal | null; revision: bigint } | null> {
  const [last] = await store.readStream(SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
  return last ? { seal: sealOf(last), revision: last.revision } : null;
}

const PAGE = 500;

/** Every stored seal event, oldest first, a page at a time. */
export async function* sealEvents(store: EventStore): AsyncGenerator<RecordedEvent> {
  for (let from = 0n; ;) {
    const page = await store.readStream(SEAL_STREAM, { fromRevision: from, maxCount: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    from = page[page.length - 1].revision + 1n;
  }
}

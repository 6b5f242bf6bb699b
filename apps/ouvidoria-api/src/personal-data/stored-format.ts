import { WrongExpectedRevision, type EventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';

/**
 * The format of what the log stores, recorded in the log itself (stream `store-format`, one
 * event) so that it travels with it (backups, `store:copy`). 2: personal values sealed per data
 * subject. A log without it that holds events was written before sealing, with personal data in
 * clear: it is refused rather than read as if it were sealed.
 */
export const STORED_FORMAT = 2;
const FORMAT_STREAM = 'store-format';
const FORMAT_EVENT = 'StoredFormatRecorded';

export class UnsupportedStoredFormat extends Error {
  constructor(found: number | null) {
    super(
      found === null
        ? 'the event log was written by an earlier version of this product, with personal data in clear (stored format 1), and ' +
            `this version reads stored format ${STORED_FORMAT} only (personal data sealed per data subject). There is no migration: ` +
            'the product had not shipped. Start with an empty DATA_DIR (move the old one away), or an empty KurrentDB; nothing was started'
        : `the event log is in stored format ${found}, written by another version of this product; this version reads format ` +
            `${STORED_FORMAT}: run the version that wrote it; nothing was started`,
    );
    this.name = 'UnsupportedStoredFormat';
  }
}

/** Records the format in an empty log, accepts a log of this format, refuses any other (`UnsupportedStoredFormat`). */
export async function checkStoredFormat(store: EventStore): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const [recorded] = await store.readStream(FORMAT_STREAM, { maxCount: 1 });
    if (recorded) {
      const version = (recorded.data as { version?: unknown }).version;
      if (version === STORED_FORMAT) return;
      throw new UnsupportedStoredFormat(typeof version === 'number' ? version : -1);
    }
    if ((await store.lastPosition()) !== 0n) {
      // Another instance may have recorded it between the two reads: look once more.
      if (attempt < 2) continue;
      throw new UnsupportedStoredFormat(null);
    }
    const id = randomUUID();
    const metadata = {
      eventId: id,
      occurredAt: new Date().toISOString(),
      actor: { sub: 'ouvidoria', role: 'system' },
      correlationId: id,
      causationId: id,
    };
    try {
      await store.append(FORMAT_STREAM, [{ id, type: FORMAT_EVENT, data: { version: STORED_FORMAT }, metadata }], 'no_stream');
      return;
    } catch (error) {
      // Another instance starting on the same empty store recorded it first.
      if (!(error instanceof WrongExpectedRevision) || attempt >= 2) throw error;
    }
  }
}

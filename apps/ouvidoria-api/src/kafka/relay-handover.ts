import { openDatabase, type EventStore } from '@app/event-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RELAY_LEASE, type RelayProgress } from './relay-lease';
import { RelayState } from './relay-state';

export const RELAY_FILE = 'kafka-relay.sqlite';
const PAGE = 500;

/**
 * After a log was copied to another store (`store:copy`): leaves, in that store's relay lease, how
 * far this installation's relay got — its checkpoint's event, at that event's position there — so
 * that whichever instance relays first there goes on from it instead of sending everything again.
 * The lease is left expired: any instance may take it at once. Null when there is nothing to hand
 * over (no relay file, nothing relayed yet, or its event is not in the target).
 */
export async function handOverRelayProgress(dataDir: string, target: EventStore): Promise<RelayProgress | null> {
  const file = join(dataDir, RELAY_FILE);
  if (!existsSync(file)) return null;
  const db = openDatabase(file, 'FULL');
  let eventId: string | undefined;
  try {
    const state = new RelayState(db);
    eventId = state.checkpoint() > 0n ? state.checkpointEventId() : undefined;
  } finally {
    db.close();
  }
  if (!eventId) return null;
  for (let after = 0n; ;) {
    const page = await target.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return null;
    const found = page.find((e) => e.id === eventId);
    if (found) {
      const progress = { position: found.position.toString(), eventId };
      await target.acquireLease(RELAY_LEASE, 'store-copy', 1, { relayedTo: progress });
      return progress;
    }
    after = page[page.length - 1].position;
  }
}

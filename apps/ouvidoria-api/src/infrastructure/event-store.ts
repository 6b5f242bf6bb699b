import { KurrentDbEventStore, SqliteEventStore, StreamDailySequence, type EventStore } from '@app/event-store';
import { join } from 'node:path';
import type { DailySequence } from '../application/ports';
import type { AppConfig } from '../config/app-config';

export const EVENTS_FILE = 'events.sqlite';

/** The event store the configuration names; the server and the CLI open it the same way. `onCommit`: see `SqliteEventStoreOptions`. */
export function openEventStore(config: AppConfig, now: () => Date = () => new Date(), onCommit?: (appends: number) => void): EventStore {
  if (config.eventStore.kind === 'kurrentdb') {
    return new KurrentDbEventStore({ url: config.eventStore.url, now, streamPrefix: config.kurrentStreamPrefix });
  }
  return new SqliteEventStore({ file: join(config.dataDir, EVENTS_FILE), synchronous: config.sqliteSynchronous, now, onCommit });
}

/**
 * Protocol counters: in the embedded store's own file and connection (`SqliteDailySequence`), else
 * as streams every instance appends to with an expected revision (`StreamDailySequence`).
 */
export function dailySequenceOf(store: EventStore, now: () => Date): DailySequence {
  return store instanceof SqliteEventStore ? store.dailySequence() : new StreamDailySequence(store, now);
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kurrentDbForTests } from '../../../test/support/kurrentdb/test-url';
import { describeDailySequenceContract } from '../test-support/daily-sequence-contract';
import type { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { StreamDailySequence } from './stream-daily-sequence';

function onStores(open: () => EventStore, cleanup: () => Promise<void>, sharedByInstances: boolean) {
  const stores: EventStore[] = [];
  return {
    sharedByInstances,
    async open() {
      const store = open();
      stores.push(store);
      return new StreamDailySequence(store);
    },
    async close() {
      for (const store of stores) await store.close();
      await cleanup();
    },
  };
}

describeDailySequenceContract('SqliteDailySequence (in the store file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sequence-contract-'));
  const stores: SqliteEventStore[] = [];
  return {
    sharedByInstances: false,
    async open() {
      const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      stores.push(store);
      return store.dailySequence();
    },
    async close() {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeDailySequenceContract('StreamDailySequence on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sequence-contract-'));
  return onStores(
    () => new SqliteEventStore({ file: join(dir, 'events.sqlite') }),
    async () => rmSync(dir, { recursive: true, force: true }),
    false,
  );
});

describeDailySequenceContract('StreamDailySequence on KurrentDB (wire test server or KURRENTDB_TEST_URL)', async () => {
  const backend = await kurrentDbForTests();
  return onStores(
    () => new KurrentDbEventStore({ url: backend.url }),
    () => backend.close(),
    true,
  );
});

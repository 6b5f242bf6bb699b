import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../../test-support/event-store-contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SqliteEventStore (a real file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
  let now = new Date();
  const stores: SqliteEventStore[] = [];
  return {
    sharedByInstances: false,
    setNow: (at) => void (now = at),
    async open() {
      const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), now: () => now });
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

import { kurrentDbForTests } from '../../../../test/support/kurrentdb/test-url';
import { describeEventStoreContract } from '../../test-support/event-store-contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/** On the KurrentDB wire test server (a fresh one per test), or on the real node KURRENTDB_TEST_URL names. */
describeEventStoreContract('KurrentDbEventStore (real client on the wire)', async () => {
  const backend = await kurrentDbForTests();
  let now = new Date();
  const stores: KurrentDbEventStore[] = [];
  return {
    sharedByInstances: true,
    setNow: (at) => void (now = at),
    async open() {
      const store = new KurrentDbEventStore({ url: backend.url, now: () => now });
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores) await store.close().catch(() => undefined);
      await backend.close();
    },
  };
});

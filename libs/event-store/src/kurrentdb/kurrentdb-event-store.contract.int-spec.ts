import { jsonEvent, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { kurrentDbForTests } from '../../../../test/support/kurrentdb/test-url';
import { describeEventStoreContract } from '../../test-support/event-store-contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { newEvent } from '../../test-support/new-event';

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

describe('KurrentDbEventStore in a cluster other applications share', () => {
  it("keeps to its own prefixed streams: another application's events are no part of its log", async () => {
    const backend = await kurrentDbForTests();
    const client = KurrentDBClient.connectionString(backend.url);
    const prefix = `app${randomUUID().slice(0, 8)}-`;
    const store = new KurrentDbEventStore({ url: backend.url, streamPrefix: prefix });
    try {
      await client.appendToStream(`billing-${randomUUID()}`, jsonEvent({ type: 'InvoiceSent', data: { total: 10 } }));
      const event = newEvent();
      await store.append('case-1', [event], 'no_stream');
      const log = await store.readAll({ after: 0n, maxCount: 100 });
      expect(log.map((e) => e.streamId)).toEqual(['case-1']);
      const [raw] = await collect(client.readStream(`${prefix}case-1`));
      expect(raw.event?.id).toBe(event.id);
    } finally {
      await store.close();
      await client.dispose();
      await backend.close();
    }
  });
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('KurrentDbEventStore through an outage of the node', () => {
  const onTestServer = !process.env.KURRENTDB_TEST_URL;
  (onTestServer ? it : it.skip)(
    'answers StoreUnavailable meanwhile, then goes on telling its listeners of new appends',
    async () => {
      const backend = await kurrentDbForTests();
      const store = new KurrentDbEventStore({ url: backend.url });
      const writer = new KurrentDbEventStore({ url: backend.url });
      try {
        const heard: bigint[] = [];
        store.onAppended((position) => heard.push(position));
        await new Promise((resolve) => setTimeout(resolve, 200));
        await backend.server!.stop();
        await expect(store.append(`case-${randomUUID()}`, [newEvent()], 'no_stream')).rejects.toMatchObject({ name: 'StoreUnavailable' });
        await new Promise((resolve) => setTimeout(resolve, 2200)); // long enough for the client to be renewed
        await backend.server!.restart();
        let position = 0n;
        for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
          // The store's own next call renews its client; the writer's append is what it must hear of.
          await store.lastPosition().catch(() => undefined);
          position = (await writer.append(`case-${randomUUID()}`, [newEvent()], 'no_stream').catch(() => ({ position: 0n }))).position;
          if (position > 0n) break;
        }
        expect(position).toBeGreaterThan(0n);
        for (const deadline = Date.now() + 10_000; !heard.some((p) => p >= position) && Date.now() < deadline;)
          await new Promise((r) => setTimeout(r, 100));
        // Then a live append is heard too: the subscription was renewed, not left dead.
        const later = (await writer.append(`case-${randomUUID()}`, [newEvent()], 'no_stream')).position;
        const deadline = Date.now() + 5000;
        while (!heard.includes(later) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(heard).toContain(later);
      } finally {
        await store.close();
        await writer.close();
        await backend.close();
      }
    },
    40_000,
  );
});

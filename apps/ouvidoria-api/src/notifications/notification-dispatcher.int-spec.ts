import { SqliteEventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { readDeliveries } from './delivery-records';
import { NotificationDispatcher } from './notification-dispatcher';
import type { NotificationTarget, OutgoingNotification } from './notification-target';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two dispatchers on one real SQLite log, as two instances on a shared store: who sends what. */
describe('NotificationDispatcher (real SQLite file)', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-dispatch-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async (i: number) => {
    const protocol = `3456782026040100${String(i).padStart(4, '0')}`;
    const event = registered({ protocol });
    await store.append(`manifestation-${protocol}`, [newEvent(event.type, event.data)], 'no_stream');
    return protocol;
  };

  it('lets one instance deliver while it holds the lease, and each notification goes out once, even with a slow target', async () => {
    const sent: Array<{ by: string; id: string }> = [];
    const slow = (by: string): NotificationTarget => ({
      name: 'webhook',
      deliver: async (n: OutgoingNotification) => {
        await sleep(150);
        sent.push({ by, id: n.id });
      },
      close: async () => undefined,
    });
    // A lease shorter than a batch of deliveries takes: it must be renewed per notification.
    const dispatcher = (by: string) =>
      new NotificationDispatcher(
        store,
        [slow(by)],
        by,
        { leaseMs: 600, retryMaxMs: 100 },
        randomUUID,
        () => new Date(),
        () => undefined,
      );
    const a = dispatcher('A');
    a.start();
    await sleep(100);
    const b = dispatcher('B');
    b.start();
    const protocols: string[] = [];
    for (let i = 1; i <= 12; i++) protocols.push(await register(i));

    for (let waited = 0; waited < 10_000 && new Set(sent.map((s) => s.id)).size < 12; waited += 100) await sleep(100);
    await a.stop();
    await b.stop();

    expect(new Set(sent.map((s) => s.id)).size).toBe(12);
    expect(sent).toHaveLength(12);
    for (const protocol of protocols) expect(await readDeliveries(store, protocol)).toHaveLength(1);
  });

  it('hands over on stop: the next instance goes on from the progress, without resending', async () => {
    const sent: string[] = [];
    const target: NotificationTarget = { name: 'webhook', deliver: async (n) => void sent.push(n.id), close: async () => undefined };
    const options = { leaseMs: 60_000, retryMaxMs: 100 };
    const first = new NotificationDispatcher(
      store,
      [target],
      'A',
      options,
      randomUUID,
      () => new Date(),
      () => undefined,
    );
    first.start();
    await register(1);
    for (let waited = 0; waited < 5000 && sent.length < 1; waited += 50) await sleep(50);
    await first.stop();
    await register(2);
    const second = new NotificationDispatcher(
      store,
      [target],
      'B',
      options,
      randomUUID,
      () => new Date(),
      () => undefined,
    );
    second.start();
    for (let waited = 0; waited < 5000 && sent.length < 2; waited += 50) await sleep(50);
    await second.stop();
    expect(sent).toHaveLength(2);
    expect(new Set(sent).size).toBe(2);
  });
});

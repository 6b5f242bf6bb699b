import { openDatabase, SqliteEventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import type { OutboundMessage } from './outbound-messages';
import { OutboundRelay, type MessagePublisher } from './outbound-relay';
import { RelayLease } from './relay-lease';
import { RelayState } from './relay-state';
import { topicsOf } from './topics';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const topics = topicsOf({ topicPrefix: 'ouvidoria', sacTopic: 'sac.escalations.v1' } as Parameters<typeof topicsOf>[0]);

/** A broker stand-in: acknowledges, fails, or holds each send as the test says. */
class FakeBroker implements MessagePublisher {
  delivered: OutboundMessage[] = [];
  failing = false;
  /** Set to hold sends: `waiting` once one is in flight, `release` acknowledges it. */
  held?: { waiting: boolean; release: () => void };
  async send(messages: OutboundMessage[]): Promise<void> {
    if (this.failing) throw new Error('broker unreachable');
    if (this.held) await new Promise<void>((resolve) => Object.assign(this.held!, { waiting: true, release: resolve }));
    this.delivered.push(...messages);
  }
  async close(): Promise<void> {}
}

describe('OutboundRelay (real SQLite files, a stand-in broker)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let state: RelayState;
  let broker: FakeBroker;
  let relay: OutboundRelay;

  const register = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const protocol = `1234562026040100${String(1000 + i).padStart(4, '0')}`;
      const id = randomUUID();
      const metadata = {
        eventId: id,
        occurredAt: new Date().toISOString(),
        actor: { sub: 't', role: 'ouvidoria' },
        correlationId: id,
        causationId: id,
      };
      await store.append(
        `manifestation-${protocol}`,
        [{ id, type: 'ManifestationRegistered', data: registered({ protocol }).data as never, metadata }],
        'any',
      );
    }
    return store.lastPosition();
  };
  const until = async (check: () => boolean) => {
    for (let waited = 0; !check(); waited += 10) {
      if (waited > 5000) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    state = new RelayState(openDatabase(join(dir, 'relay.sqlite'), 'FULL'));
    broker = new FakeBroker();
    relay = new OutboundRelay(store, state, broker, topics, 'urn:test', new RelayLease(store, 'this-instance', 15_000, () => new Date()));
  });
  afterEach(async () => {
    await relay.stop();
    state.db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its checkpoint while the broker fails, reports degraded, and delivers everything once it is back', async () => {
    broker.failing = true;
    const last = await register(3);
    relay.start();
    await until(() => relay.status().status === 'degraded');
    expect(relay.status()).toMatchObject({ status: 'degraded', position: 0n, lastError: 'broker unreachable' });
    expect(state.checkpoint()).toBe(0n);

    broker.failing = false;
    await until(() => relay.status().position === last);
    expect(relay.status().status).toBe('up');
    expect(state.checkpoint()).toBe(last);
    expect(broker.delivered.map((m) => m.headers.ce_id)).toEqual((await store.readAll({ after: 0n, maxCount: 10 })).map((e) => e.id));
  });

  it('finishes the batch in flight when it stops: acknowledged, then checkpointed', async () => {
    const last = await register(2);
    broker.held = { waiting: false, release: () => undefined };
    relay.start();
    await until(() => broker.held!.waiting);
    const stopping = relay.stop();
    expect(state.checkpoint()).toBe(0n);
    broker.held.release();
    await stopping;
    expect(broker.delivered).toHaveLength(2);
    expect(state.checkpoint()).toBe(last);
  });

  it('refuses to send on when its checkpoint does not match the log (a log restored without the relay file)', async () => {
    const last = await register(2);
    relay.start();
    await until(() => relay.status().position === last);
    await relay.stop();

    // Another log with other events at the same positions, as after restoring an older backup.
    await store.close();
    store = new SqliteEventStore({ file: join(dir, 'restored-events.sqlite'), synchronous: 'NORMAL' });
    await register(3);
    const fresh = new FakeBroker();
    relay = new OutboundRelay(store, state, fresh, topics, 'urn:test', new RelayLease(store, 'this-instance', 15_000, () => new Date()));
    relay.start();
    await until(() => relay.status().status === 'degraded');
    expect(relay.status().lastError).toMatch(/does not match the event log/);
    expect(fresh.delivered).toEqual([]);
    expect(state.checkpoint()).toBe(last);
  });

  it("moves its checkpoint to its event's place in a copied log, and sends only what came after", async () => {
    const last = await register(2);
    relay.start();
    await until(() => relay.status().position === last);
    await relay.stop();

    // The same events in another store, after others (as store:copy leaves them in a shared cluster).
    const copied = await store.readAll({ after: 0n, maxCount: 10 });
    await store.close();
    store = new SqliteEventStore({ file: join(dir, 'copied-events.sqlite'), synchronous: 'NORMAL' });
    await store.append('unrelated', [newEvent('Other')], 'no_stream');
    for (const e of copied) await store.append(e.streamId, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], 'any');
    const later = await register(1);
    const fresh = new FakeBroker();
    const logged: string[] = [];
    const lease = new RelayLease(store, 'this-instance', 15_000, () => new Date());
    relay = new OutboundRelay(store, state, fresh, topics, 'urn:test', lease, (line) => logged.push(line));
    relay.start();
    await until(() => relay.status().position === later);
    expect([...new Set(fresh.delivered.map((m) => m.headers.ce_id))]).toEqual([(await store.eventAt(later))!.id]);
    expect(logged).toContainEqual(expect.stringMatching(/checkpoint's event is at position 3 of this log/));
  });

  it("keeps the memory of manifestations written under the table's first name", () => {
    const db = openDatabase(join(dir, 'old-relay.sqlite'), 'FULL');
    db.exec(
      `CREATE TABLE relay_cases (protocol TEXT PRIMARY KEY, facts TEXT NOT NULL); INSERT INTO relay_cases VALUES ('p1', '{"departments":["regulacao"]}')`,
    );
    const migrated = new RelayState(db);
    expect(migrated.get('p1')).toEqual({ departments: ['regulacao'] });
    db.close();
  });

  it('leaves its final progress in the lease when it stops, for the next holder', async () => {
    relay.start();
    const last = await register(2);
    await until(() => relay.status().position === last);
    await relay.stop();
    const lease = await store.readLease('kafka-relay');
    expect(lease!.data.relayedTo).toEqual({ position: String(last), eventId: (await store.eventAt(last))!.id });
    expect(lease!.until.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("carries the previous holder's progress in the lease when it takes over, should it die before renewing", async () => {
    const first = new RelayLease(store, 'first', 200, () => new Date());
    expect((await first.keep({ position: '5', eventId: 'e5' })).held).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250)); // the first holder died: no renewal
    const taker = new RelayLease(store, 'taker', 200, () => new Date());
    expect(await taker.keep(null)).toMatchObject({ held: true, takenOver: { position: '5', eventId: 'e5' } });
    expect((await store.readLease('kafka-relay'))!.data.relayedTo).toEqual({ position: '5', eventId: 'e5' });
  });

  describe('with a second instance', () => {
    const TTL = 300;
    let other: { state: RelayState; broker: FakeBroker; lease: RelayLease; relay: OutboundRelay };
    let lease: RelayLease;
    beforeEach(async () => {
      await relay.stop();
      lease = new RelayLease(store, 'first', TTL, () => new Date());
      relay = new OutboundRelay(store, state, broker, topics, 'urn:test', lease);
      const otherState = new RelayState(openDatabase(join(dir, 'other-relay.sqlite'), 'FULL'));
      const otherBroker = new FakeBroker();
      const otherLease = new RelayLease(store, 'second', TTL, () => new Date());
      other = {
        state: otherState,
        broker: otherBroker,
        lease: otherLease,
        relay: new OutboundRelay(store, otherState, otherBroker, topics, 'urn:test', otherLease),
      };
    });
    afterEach(async () => {
      await other.relay.stop();
      other.state.db.close();
    });
    const ids = (messages: OutboundMessage[]) => [...new Set(messages.map((m) => m.headers.ce_id))];

    it("relays from one instance only; the other stands by, reporting the holder and the holder's progress", async () => {
      relay.start();
      await until(() => relay.status().status === 'up');
      other.relay.start();
      const last = await register(3);
      await until(() => relay.status().position === last && other.relay.status().status === 'standby');
      await new Promise((resolve) => setTimeout(resolve, TTL));
      expect(other.broker.delivered).toEqual([]);
      expect(ids(broker.delivered)).toHaveLength(3);
      expect(other.relay.status()).toMatchObject({ status: 'standby', holder: 'first', position: last });
      expect(other.state.checkpoint()).toBe(0n);
    });

    it('takes over when the holder dies, resending nothing the holder had reported, and loses no event', async () => {
      relay.start();
      const first = await register(3);
      await until(() => relay.status().position === first);
      await new Promise((resolve) => setTimeout(resolve, TTL / 2)); // a renewal carries the holder's progress
      other.relay.start();
      // The holder dies: it renews no more (and, its lease running out, sends no more).
      lease.keep = async () => ({ held: false, holder: 'first' });
      await until(() => other.relay.status().status === 'up');
      const all = await store.readAll({ after: 0n, maxCount: 100 });
      const later = await register(2);
      await until(() => other.relay.status().position === later);
      const everything = (await store.readAll({ after: 0n, maxCount: 100 })).map((e) => e.id);
      expect([...new Set([...ids(broker.delivered), ...ids(other.broker.delivered)])].sort()).toEqual([...everything].sort());
      expect(ids(other.broker.delivered)).toEqual(everything.filter((id) => !all.slice(0, 3).some((e) => e.id === id)));
      expect(other.state.checkpoint()).toBe(later);
    });

    it('hands over at once when the holder stops', async () => {
      relay.start();
      other.relay.start();
      await until(() => relay.status().status === 'up' && other.relay.status().status === 'standby');
      await relay.stop();
      const last = await register(1);
      await until(() => other.relay.status().position === last);
      expect(ids(other.broker.delivered)).toHaveLength(1);
    });
  });
});

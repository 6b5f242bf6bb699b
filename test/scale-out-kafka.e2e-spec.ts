import { KurrentDbEventStore } from '@app/event-store';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { consume, describeKafka, eventually, mockEnv, startMockCluster, type MockCluster } from './support/kafka-mock';
import { kill9, type ServerProcess } from './support/server-process';
import { startTwoInstances, type TwoInstances } from './support/two-instances';

const MANIFESTATIONS = 'ouvidoria.manifestations.v1';
const LEASE_SECONDS = 3;

describeKafka('two instances relaying to Kafka through one lease (KurrentDB, librdkafka mock, kcat)', () => {
  let mock: MockCluster;
  let two: TwoInstances;
  beforeAll(async () => {
    mock = await startMockCluster();
    two = await startTwoInstances({ ...mockEnv(mock, 'scale-out-intake'), KAFKA_RELAY_LEASE_SECONDS: String(LEASE_SECONDS) });
  }, 60_000);
  afterAll(async () => {
    await two?.close();
    mock?.stop();
  });

  const relayOf = async (server: ServerProcess) =>
    (await get(server.url, '/health')).body.kafka.relay as { status: string; lagEvents: number };
  const storedEventIds = async () => {
    const store = new KurrentDbEventStore({ url: two.kurrent.url, streamPrefix: two.env.KURRENTDB_STREAM_PREFIX });
    try {
      const events = await store.readAll({ after: 0n, maxCount: 10_000 });
      return events.filter((e) => e.streamId.startsWith('manifestation-')).map((e) => e.id);
    } finally {
      await store.close();
    }
  };

  it('relays from one instance; when it is killed the other takes over within the lease, and every stored event reaches the topic', async () => {
    const [a, b] = two.instances;
    for (let i = 0; i < 6; i++) expect((await post((i % 2 ? a : b).url, '/manifestations', complaint())).status).toBe(201);
    const statuses = await eventually(
      async () => {
        const both = await Promise.all([relayOf(a), relayOf(b)]);
        return (
          both
            .map((r) => r.status)
            .sort()
            .join() === 'standby,up' &&
          both.every((r) => r.lagEvents === 0) &&
          both
        );
      },
      30_000,
      'one holder, caught up, and one standing by',
    );
    const [holder, survivor] = statuses[0].status === 'up' ? [a, b] : [b, a];

    await kill9(holder.child);
    const killedAt = Date.now();
    for (let i = 0; i < 4; i++) expect((await post(survivor.url, '/manifestations', complaint())).status).toBe(201);
    await eventually(
      async () => {
        const relay = await relayOf(survivor);
        return relay.status === 'up' && relay.lagEvents === 0;
      },
      30_000,
      'the survivor to take the lease over and catch up',
    );
    // Took over within the lease's time to live and a renewal interval (timers are the only clock here).
    expect(Date.now() - killedAt).toBeLessThan((LEASE_SECONDS + LEASE_SECONDS) * 1000 + 5000);

    const published = new Set(consume(mock.brokers, MANIFESTATIONS).map((m) => m.headers.ce_id));
    const stored = await storedEventIds();
    expect(stored.length).toBeGreaterThanOrEqual(10);
    expect(stored.filter((id) => !published.has(id))).toEqual([]);
  }, 90_000);
});

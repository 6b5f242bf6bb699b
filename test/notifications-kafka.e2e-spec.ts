import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { consume, describeKafka, eventually, mockEnv, startMockCluster, type MockCluster } from './support/kafka-mock';
import { startTestApp, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const TOPIC = 'ouvidoria.requester-notifications.v1';
const SECRET = 'webhook-secret-for-tests-0123456789abcdef';

interface Listed {
  notificationId: string;
  kind: string;
  createdAt: string;
  deliveries: Array<{ target: string; outcome: string }>;
}

/** Registers a case and answers it: the requester is told twice (REGISTERED, ANSWERED). */
async function registerAndAnswer(app: TestApp): Promise<string> {
  const { protocol } = (await post(app.url, '/manifestations', complaint())).body;
  const answered = await post(app.url, `/manifestations/${protocol}/answer`, { text: 'Exame autorizado.', outcome: 'PROCEDENTE' });
  expect(answered.status).toBe(200);
  return protocol;
}

/** The case's notifications once each has been delivered to `targets` targets. */
const listedOnce = (app: TestApp, protocol: string, targets: number) =>
  eventually(
    async () => {
      const items = (await get(app.url, `/manifestations/${protocol}/notifications`)).body.items as Listed[];
      return items.length === 2 && items.every((i) => i.deliveries.length === targets) && items;
    },
    20_000,
    'every notification delivered',
  );

const onTopic = (mock: MockCluster, protocol: string) =>
  eventually(
    () => {
      const mine = consume(mock.brokers, TOPIC).filter((m) => m.key === protocol);
      return mine.length >= 2 && mine;
    },
    20_000,
    'two notifications on the topic',
  );

describeKafka('requester notifications on Kafka (librdkafka mock cluster, read with kcat)', () => {
  let mock: MockCluster;
  beforeAll(async () => {
    mock = await startMockCluster();
  }, 30_000);
  afterAll(() => mock?.stop());

  describe('with Kafka as the only target', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp('2026-04-01T10:00:00-03:00', { ...mockEnv(mock, 'e2e-notify-kafka'), NOTIFY_RETRY_MAX_SECONDS: '1' });
    }, 30_000);
    afterAll(() => app?.close());

    it('publishes each notification keyed by protocol, as a CloudEvent under the id the case lists, and records it', async () => {
      const protocol = await registerAndAnswer(app);
      const listed = await listedOnce(app, protocol, 1);
      const messages = await onTopic(mock, protocol);

      expect(messages).toHaveLength(2);
      expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
      expect(messages.map((m) => m.headers.ce_id)).toEqual(listed.map((i) => i.notificationId));
      messages.forEach((m, i) => {
        expect(m.headers).toEqual({
          ce_specversion: '1.0',
          ce_id: listed[i].notificationId,
          ce_type: 'br.ouvidoria.RequesterNotification.v1',
          ce_source: 'urn:test:ouvidoria',
          ce_subject: protocol,
          ce_time: listed[i].createdAt,
          'content-type': 'application/json',
        });
        expect(JSON.parse(m.payload!)).toEqual({
          protocol,
          kind: listed[i].kind,
          channel: { medium: 'EMAIL', address: 'maria@example.com' },
          subject: expect.any(String),
          text: expect.any(String),
        });
      });
      expect(listed.map((i) => i.kind)).toEqual(['REGISTERED', 'ANSWERED']);
      expect(listed.map((i) => i.deliveries)).toEqual([
        [expect.objectContaining({ target: 'kafka', outcome: 'DELIVERED', attempts: 1 })],
        [expect.objectContaining({ target: 'kafka', outcome: 'DELIVERED', attempts: 1 })],
      ]);
    });
  });

  describe('with the webhook and Kafka', () => {
    let app: TestApp;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      receiver = await WebhookReceiver.start(SECRET);
      app = await startTestApp('2026-04-01T10:00:00-03:00', {
        ...mockEnv(mock, 'e2e-notify-both'),
        // Another operator, so that its protocols differ from the first app's on the shared topic.
        OPERATOR_ANS_REGISTRATION: '654321',
        NOTIFY_WEBHOOK_URL: receiver.url,
        NOTIFY_WEBHOOK_SECRET: SECRET,
        NOTIFY_RETRY_MAX_SECONDS: '1',
      });
    }, 30_000);
    afterAll(async () => {
      await app?.close();
      await receiver?.close();
    });

    it('delivers each notification to both, webhook first, under the same id', async () => {
      const protocol = await registerAndAnswer(app);
      const listed = await listedOnce(app, protocol, 2);
      const messages = await onTopic(mock, protocol);

      const ids = listed.map((i) => i.notificationId);
      expect(receiver.received.filter((n) => n.protocol === protocol).map((n) => n.id)).toEqual(ids);
      expect(messages.map((m) => m.headers.ce_id)).toEqual(ids);
      for (const item of listed)
        expect(item.deliveries.map((d) => [d.target, d.outcome])).toEqual([
          ['webhook', 'DELIVERED'],
          ['kafka', 'DELIVERED'],
        ]);
    });
  });
});

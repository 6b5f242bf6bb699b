import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { eventually } from './support/kafka-mock';
import { expectProblem } from './support/problem';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';
import { startTestApp, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const kinds = (receiver: WebhookReceiver, protocol: string) => receiver.received.filter((n) => n.protocol === protocol).map((n) => n.kind);

describe('requester notifications through a webhook', () => {
  let app: TestApp;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await WebhookReceiver.start(SECRET);
    app = await startTestApp('2026-04-01T10:00:00-03:00', {
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      NOTIFY_RETRY_MAX_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('tells the requester of every step, signed, by e-mail, with the stable id the case lists', async () => {
    const registered = await post(app.url, '/manifestations', complaint());
    const protocol = registered.body.protocol;
    const path = `/manifestations/${protocol}`;
    await post(app.url, `${path}/extension`, {
      justification: 'Aguardando laudo do prestador credenciado',
      businessDays: 15,
      agreedWithRequester: true,
    });
    await post(app.url, `${path}/clarification-requests`, { question: 'Qual o número do pedido médico?' });
    await post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: 'Rever' });
    await post(app.url, `${path}/answer`, { text: 'Exame autorizado.', outcome: 'PROCEDENTE' });
    await post(app.url, `${path}/close`, { reason: 'RESPONDIDA' });

    await eventually(() => kinds(receiver, protocol).length === 5, 10_000, 'five notifications');
    expect(kinds(receiver, protocol)).toEqual(['REGISTERED', 'DEADLINE_EXTENDED', 'CLARIFICATION_REQUESTED', 'ANSWERED', 'CLOSED']);
    const mine = receiver.received.filter((n) => n.protocol === protocol);
    for (const n of mine) {
      expect(n.signed).toBe(true);
      expect(n.channel).toEqual({ medium: 'EMAIL', address: 'maria@example.com' });
      expect(n.event).toMatchObject({ specversion: '1.0', type: 'br.ouvidoria.RequesterNotification.v1', subject: protocol });
    }
    expect(mine[0].text).toContain(`protocolo ${protocol}`);
    expect(mine[0].text).toContain('13/04/2026');
    expect(mine[0].text).not.toContain(registered.body.accessCode);
    expect(mine[2].text).toMatch(/Qual o número do pedido médico\?.*continua correndo/);

    const listed = await eventually(async () => {
      const res = await get(app.url, `${path}/notifications`);
      return res.body.items.every((i: { deliveries: unknown[] }) => i.deliveries.length === 1) && res;
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((i: { notificationId: string }) => i.notificationId)).toEqual(mine.map((n) => n.id));
    expect(listed.body.items[0]).toMatchObject({
      kind: 'REGISTERED',
      channel: { medium: 'EMAIL', address: 'maria@example.com' },
      deliveries: [{ target: 'webhook', outcome: 'DELIVERED', attempts: 1, at: expect.any(String) }],
    });
  });

  it('sends nothing for an anonymous case, and by SMS when there is only a phone', async () => {
    const anonymous = await post(
      app.url,
      '/manifestations',
      complaint({ type: 'DENUNCIA', requester: { kind: 'BENEFICIARIO', anonymous: true } }),
    );
    const phoneOnly = await post(
      app.url,
      '/manifestations',
      complaint({ requester: { kind: 'BENEFICIARIO', name: 'João', phone: '+55 83 99999-0000' } }),
    );
    await eventually(() => kinds(receiver, phoneOnly.body.protocol).length === 1, 10_000, 'the SMS');
    expect(receiver.received.find((n) => n.protocol === phoneOnly.body.protocol)!.channel).toEqual({
      medium: 'SMS',
      address: '+55 83 99999-0000',
    });
    expect(kinds(receiver, anonymous.body.protocol)).toEqual([]);
    expect((await get(app.url, `/manifestations/${anonymous.body.protocol}/notifications`)).body.items).toEqual([]);
  });

  it('keeps case work going while the endpoint is down, and delivers later, in order', async () => {
    receiver.answer = 503;
    const before = receiver.requests;
    const first = await post(app.url, '/manifestations', complaint());
    expect(first.status).toBe(201);
    const second = await post(app.url, `/manifestations/${first.body.protocol}/answer`, { text: 'Autorizado.', outcome: 'PROCEDENTE' });
    expect(second.status).toBe(200);
    await eventually(() => receiver.requests >= before + 2, 10_000, 'retries');
    expect(kinds(receiver, first.body.protocol)).toEqual([]);
    const down = (await get(app.url, '/health')).body;
    expect(down.status).toBe('degraded');
    expect(down.notifications).toMatchObject({
      status: 'retrying',
      lastError: expect.stringMatching(/^webhook: the webhook answered 503/),
    });
    expect(down.notifications.lagEvents).toBeGreaterThan(0);

    receiver.answer = 204;
    await eventually(() => kinds(receiver, first.body.protocol).length === 2, 10_000, 'the late deliveries');
    expect(kinds(receiver, first.body.protocol)).toEqual(['REGISTERED', 'ANSWERED']);
    const up = await eventually(async () => {
      const health = (await get(app.url, '/health')).body;
      return health.notifications.status === 'delivering' && health;
    });
    expect(up.status).toBe('ok');
    const listed = await eventually(async () => {
      const res = await get(app.url, `/manifestations/${first.body.protocol}/notifications`);
      return res.body.items[1]?.deliveries.length === 1 && res;
    });
    expect(listed.body.items[0].deliveries[0].attempts).toBeGreaterThan(1);
  });

  it('records a refusal for good (4xx) and goes on with the next notifications', async () => {
    receiver.answer = 400;
    const refused = await post(app.url, '/manifestations', complaint());
    const listed = await eventually(async () => {
      const res = await get(app.url, `/manifestations/${refused.body.protocol}/notifications`);
      return res.body.items[0]?.deliveries.length === 1 && res;
    });
    expect(listed.body.items[0].deliveries[0]).toMatchObject({ outcome: 'REFUSED', reason: 'the webhook answered 400', attempts: 1 });
    receiver.answer = 204;
    const next = await post(app.url, '/manifestations', complaint());
    await eventually(() => kinds(receiver, next.body.protocol).length === 1, 10_000, 'the next notification');
  });

  it('answers 404 for the notifications of an unknown case', async () => {
    expectProblem(await get(app.url, '/manifestations/12345620260401099999/notifications'), 404, 'MANIFESTATION_NOT_FOUND');
  });
});

describe('requester notifications across a kill -9', () => {
  let receiver: WebhookReceiver;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await kill9(server.child);
    await receiver.close();
  });

  it('delivers every notification at least once, each under one id', async () => {
    receiver = await WebhookReceiver.start(SECRET);
    // A slow endpoint: the kill comes while most notifications are still to be delivered.
    receiver.delayMs = 150;
    const env = {
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ouvidoria-notify-')),
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      // The dead instance's lease runs out within this; then the restarted one takes over.
      NOTIFY_LEASE_SECONDS: '3',
    };
    server = await startServerProcess(env);
    const protocols: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await post(server.url, '/manifestations', complaint());
      expect(res.status).toBe(201);
      protocols.push(res.body.protocol);
    }
    await kill9(server.child);
    const beforeRestart = new Set(receiver.received.map((n) => n.protocol)).size;
    expect(beforeRestart).toBeLessThan(20);
    receiver.delayMs = 0;
    server = await startServerProcess(env);
    await eventually(() => new Set(receiver.received.map((n) => n.protocol)).size === 20, 20_000, 'every registration notified').catch(
      (e) => {
        throw new Error(`${e.message}; got ${receiver.received.length} (${beforeRestart} before restart)\n${server!.output()}`);
      },
    );
    expect([...new Set(receiver.received.map((n) => n.protocol))].sort()).toEqual(protocols.sort());
    expect(receiver.ids().size).toBe(20);
    expect(receiver.received.every((n) => n.signed)).toBe(true);
  });
});

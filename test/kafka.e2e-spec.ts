import { withoutPersonalFields } from '@app/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../apps/ouvidoria-api/src/infrastructure/write-metrics';
import { bearer } from './support/auth';
import { complaint, escalation } from './support/fixtures';
import { get, post } from './support/http';
import { consume, describeKafka, eventually, mockEnv, produce, startMockCluster, type MockCluster } from './support/kafka-mock';
import { startTestApp, type TestApp } from './support/test-app';

const MANIFESTATIONS = 'ouvidoria.manifestations.v1';
const department = (code: string) => `ouvidoria.department.${code}.v1`;

describeKafka('Kafka over the real wire protocol (librdkafka mock cluster, read and written with kcat)', () => {
  let mock: MockCluster;
  let app: TestApp;
  beforeAll(async () => {
    mock = await startMockCluster();
    // Retention 0: a closed case may be erased at once, as the erasure test below does.
    app = await startTestApp('2026-04-01T10:00:00-03:00', {
      ...mockEnv(mock, 'e2e-intake'),
      RETENTION_YEARS: '0',
      METRICS_PORT: '0',
      METRICS_HOST: '127.0.0.1',
    });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    mock?.stop();
  });

  const lastPosition = async () => {
    const { projections } = (await get(app.url, '/health')).body as {
      projections: Record<string, { position: number; lagEvents: number }>;
    };
    return Math.max(...Object.values(projections).map((p) => p.position + p.lagEvents));
  };
  const relayed = (position: string | null) =>
    eventually(
      async () => {
        const { kafka } = (await get(app.url, '/health')).body;
        return kafka.relay.position >= Number(position) && kafka.relay.lagEvents === 0;
      },
      20_000,
      'the relay to catch up',
    );

  it('exports the Kafka metrics that the alert rules of deploy/prometheus use', async () => {
    const rules = readFileSync(join(__dirname, '../deploy/prometheus/alerts.yml'), 'utf8');
    const used = [...new Set([...rules.matchAll(/\b(ouvidoria_(?:kafka|sac)_[a-z_]+)/g)].map((m) => m[1]))];
    const text = await app.get<Registry>(METRICS_REGISTRY).metrics();
    expect(used.length).toBeGreaterThanOrEqual(2);
    expect(used.filter((name) => !new RegExp(`^# TYPE ${name} `, 'm').test(text))).toEqual([]);
    expect(text).toMatch(/^ouvidoria_kafka_relay_lag_events \d+$/m);
  });

  it("publishes every event of a case's life in order, keyed by protocol, as CloudEvents", async () => {
    const { protocol } = (await post(app.url, '/manifestations', complaint())).body;
    const path = `/manifestations/${protocol}`;
    await post(app.url, `${path}/classification`, { theme: 'COBERTURA_ASSISTENCIAL' });
    const forwarded = await post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: 'Rever a negativa' });
    await post(app.url, `${path}/forwardings/${forwarded.body.forwardings[0].forwardingId}/reply`, { text: 'Liberado' });
    await post(app.url, `${path}/answer`, { text: 'Autorizado', outcome: 'PROCEDENTE' });
    await post(app.url, `${path}/close`, { reason: 'RESPONDIDA' });
    const last = await post(app.url, `${path}/satisfaction`, { score: 5 });
    await relayed(last.headers.get('x-event-position'));

    const history = (await get(app.url, `${path}/history`)).body.events;
    const messages = consume(mock.brokers, MANIFESTATIONS).filter((m) => m.key === protocol);
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    expect(messages.map((m) => m.headers.ce_id)).toEqual(history.map((e: { metadata: { eventId: string } }) => e.metadata.eventId));
    expect(messages.map((m) => m.headers.ce_type)).toEqual(history.map((e: { type: string }) => `br.ouvidoria.${e.type}.v1`));
    messages.forEach((m, i) => {
      expect(m.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: history[i].metadata.eventId,
        ce_type: `br.ouvidoria.${history[i].type}.v1`,
        ce_source: 'urn:test:ouvidoria',
        ce_subject: protocol,
        ce_time: history[i].recordedAt,
        'content-type': 'application/json',
      });
      // Without personal values, the data subject by pseudonym.
      expect(JSON.parse(m.payload!)).toEqual({
        ...withoutPersonalFields(history[i].type, history[i].data),
        dataSubject: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
    expect(new Set(messages.map((m) => JSON.parse(m.payload!).dataSubject)).size).toBe(1);
  });

  it('carries no CPF, e-mail or name of a requester who was not shared, and announces an erasure where copies went', async () => {
    const requester = {
      kind: 'BENEFICIARIO',
      name: 'Genoveva Tarquínio',
      document: '111.444.777-35',
      email: 'genoveva.tarquinio@example.com',
    };
    const { protocol } = (await post(app.url, '/manifestations', complaint({ requester }))).body;
    const path = `/manifestations/${protocol}`;
    const forwarded = await post(app.url, `${path}/forwardings`, { department: 'contas', instructions: 'Rever a cobrança' });
    await post(app.url, `${path}/forwardings/${forwarded.body.forwardings[0].forwardingId}/reply`, { text: 'Estornado' });
    await post(app.url, `${path}/answer`, { text: 'Cobrança estornada', outcome: 'PROCEDENTE' });
    await post(app.url, `${path}/close`, { reason: 'RESPONDIDA' });
    const erased = await post(app.url, '/data-subjects/erasure', { document: requester.document }, await bearer('dpo', 'encarregado'));
    expect(erased.body).toMatchObject({ status: 'ERASED', protocols: [protocol] });
    await relayed(String(await lastPosition()));

    const broad = consume(mock.brokers, MANIFESTATIONS);
    const contas = consume(mock.brokers, department('contas'));
    const text = [...broad, ...contas].map((m) => `${m.key} ${m.payload} ${JSON.stringify(m.headers)}`).join('\n');
    for (const value of ['Genoveva', 'Tarquínio', '11144477735', '111.444.777-35', requester.email]) expect(text).not.toContain(value);
    const erasures = (messages: typeof broad) =>
      messages.filter((m) => m.headers.ce_type === 'br.ouvidoria.PersonalDataErased.v1').map((m) => JSON.parse(m.payload!));
    const announced = { dataSubject: erased.body.dataSubject, protocols: [protocol], erasedAt: expect.any(String), cause: 'REQUEST' };
    expect(erasures(broad)).toEqual(expect.arrayContaining([announced]));
    expect(erasures(contas)).toEqual([announced]);
  });

  it("gives a department only its own cases' forwarding, reply, answer and closing, minimised", async () => {
    const ours = (await post(app.url, '/manifestations', complaint())).body.protocol;
    const theirs = (await post(app.url, '/manifestations', complaint())).body.protocol;
    const report = (await post(app.url, '/manifestations', complaint({ type: 'DENUNCIA' }))).body.protocol;
    await post(app.url, `/manifestations/${ours}/forwardings`, {
      department: 'auditoria',
      instructions: 'Ver',
      shareRequesterContact: true,
    });
    await post(app.url, `/manifestations/${theirs}/forwardings`, { department: 'financeiro', instructions: 'Ver' });
    await post(app.url, `/manifestations/${report}/forwardings`, { department: 'auditoria', instructions: 'Apurar' });
    await post(app.url, `/manifestations/${ours}/answer`, { text: 'Texto com dados pessoais', outcome: 'PROCEDENTE' });
    const last = await post(app.url, `/manifestations/${ours}/close`, { reason: 'RESPONDIDA' });
    await relayed(last.headers.get('x-event-position'));

    const inbox = consume(mock.brokers, department('auditoria'));
    expect(inbox.map((m) => [m.key, m.headers.ce_type])).toEqual(
      expect.arrayContaining([
        [ours, 'br.ouvidoria.ForwardedToManagement.v1'],
        [ours, 'br.ouvidoria.ManifestationAnswered.v1'],
        [ours, 'br.ouvidoria.ManifestationClosed.v1'],
        [report, 'br.ouvidoria.ForwardedToManagement.v1'],
      ]),
    );
    expect(inbox.map((m) => m.key)).not.toContain(theirs);
    const payload = (protocol: string, type: string) =>
      JSON.parse(inbox.find((m) => m.key === protocol && m.headers.ce_type === `br.ouvidoria.${type}.v1`)!.payload!);
    expect(payload(ours, 'ForwardedToManagement').requester).toEqual({
      kind: 'BENEFICIARIO',
      name: 'Maria da Silva',
      document: '52998224725',
      email: 'maria@example.com',
    });
    expect(payload(report, 'ForwardedToManagement')).not.toHaveProperty('requester');
    expect(payload(ours, 'ManifestationAnswered')).toEqual({ protocol: ours, outcome: 'PROCEDENTE', answeredAt: expect.any(String) });
    expect(consume(mock.brokers, department('financeiro')).map((m) => m.key)).toEqual([theirs]);
  });

  it('opens a case for an escalation produced with kcat, once for duplicates, and dead-letters poison without blocking', async () => {
    const body = escalation({ escalationId: 'kafka-esc-1' });
    produce(mock.brokers, 'sac.escalations.v1', 'kafka-esc-1', JSON.stringify(body));
    produce(mock.brokers, 'sac.escalations.v1', 'kafka-esc-1', JSON.stringify(body)); // the SAC system retried
    produce(mock.brokers, 'sac.escalations.v1', 'bad-1', '{"escalationId": "bad-1", "type": "RECLAMACAO"');
    produce(mock.brokers, 'sac.escalations.v1', 'bad-2', JSON.stringify({ ...escalation({ escalationId: 'bad-2' }), type: 'QUEIXA' }));
    const next = escalation({ escalationId: 'kafka-esc-2', subject: 'Depois do veneno' });
    produce(mock.brokers, 'sac.escalations.v1', 'kafka-esc-2', JSON.stringify(next));

    const intake = await eventually(
      async () => {
        const { kafka } = (await get(app.url, '/health')).body;
        return kafka.intake.accepted >= 3 && kafka.intake.deadLettered >= 2 && kafka.intake;
      },
      30_000,
      'the intake to take every message',
    );
    expect(intake).toMatchObject({ accepted: 3, deadLettered: 2 });

    // The same escalation over HTTP finds the one case Kafka opened (200, not 201).
    const again = await post(app.url, '/sac-escalations', body);
    expect(again.status).toBe(200);
    const history = (await get(app.url, `/manifestations/${again.body.protocol}/history`)).body.events;
    expect(history.map((e: { type: string; metadata: { actor: unknown } }) => [e.type, e.metadata.actor])).toEqual([
      ['ManifestationRegistered', { sub: 'kafka:sac.escalations.v1', role: 'sac-integration' }],
      ['EscalatedFromSac', { sub: 'kafka:sac.escalations.v1', role: 'sac-integration' }],
    ]);
    expect((await post(app.url, '/sac-escalations', next)).status).toBe(200);

    const dead = consume(mock.brokers, 'sac.escalations.v1.dlq');
    expect(dead.map((m) => [m.key, m.headers['x-error-code']]).sort()).toEqual([
      ['bad-1', 'MALFORMED_JSON'],
      ['bad-2', 'VALIDATION_FAILED'],
    ]);
    const invalid = dead.find((m) => m.key === 'bad-2')!;
    expect(invalid.headers['x-error-detail']).toMatch(/type/);
    expect(invalid.headers).toMatchObject({
      'x-original-topic': 'sac.escalations.v1',
      'x-original-partition': expect.stringMatching(/^\d+$/),
    });
    expect(invalid.headers['x-original-offset']).toMatch(/^\d+$/);
    expect(JSON.parse(invalid.payload!).escalationId).toBe('bad-2');
  });

  it('reports Kafka on /health without failing it', async () => {
    const health = await get(app.url, '/health');
    expect(health.status).toBe(200);
    expect(health.body.kafka).toMatchObject({ status: 'up', relay: { status: 'up', lagEvents: 0 }, intake: { status: 'up' } });
  });
});

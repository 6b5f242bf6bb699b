import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaint } from './support/fixtures';
import { eventually } from './support/kafka-mock';
import { get, post } from './support/http';
import { describePrometheus, startPrometheus, type PrometheusServer } from './support/prometheus';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';

/** One sample of the text format: `name{labels} value`, labels in any order. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('Prometheus metrics on METRICS_PORT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-metrics-'));
  let server: ServerProcess;
  let metricsUrl: string;
  const scrape = async () => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    return res.text();
  };

  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: dir, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1' });
    metricsUrl = /metrics on (http:\/\/\S+\/metrics)/.exec(server.output())![1];
    // Two complaints and a DENUNCIA; one complaint forwarded to regulacao.
    const first = (await post(server.url, '/manifestations', complaint())).body.protocol as string;
    await post(server.url, '/manifestations', complaint());
    await post(server.url, '/manifestations', complaint({ type: 'DENUNCIA' }));
    await post(server.url, `/manifestations/${first}/forwardings`, { department: 'regulacao', instructions: 'Rever a negativa' });
    // Refused: no such case.
    await post(server.url, '/manifestations/12345620260101999999/answer', { text: 'Resposta', outcome: 'PROCEDENTE' });
  });
  afterAll(async () => {
    await kill9(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the business gauges an Ouvidoria lead watches: open cases per type, pending forwardings per department', async () => {
    await eventually(async () => sample(await scrape(), 'ouvidoria_cases_open', { type: 'RECLAMACAO' }) === 2);
    const text = await scrape();
    expect(sample(text, 'ouvidoria_cases_open', { type: 'DENUNCIA' })).toBe(1);
    expect(sample(text, 'ouvidoria_cases_overdue', { type: 'RECLAMACAO' })).toBe(0);
    expect(sample(text, 'ouvidoria_forwardings_pending', { department: 'regulacao' })).toBe(1);
    expect(sample(text, 'ouvidoria_forwardings_overdue', { department: 'regulacao' })).toBe(0);
  });

  it('counts requests by route template and status, commands by type and outcome, and times appends', async () => {
    const text = await scrape();
    const registered = { method: 'POST', route: '/manifestations', status: '201' };
    expect(sample(text, 'ouvidoria_http_request_duration_seconds_count', registered)).toBe(3);
    expect(
      sample(text, 'ouvidoria_http_request_duration_seconds_count', { route: '/manifestations/:protocol/answer', status: '404' }),
    ).toBe(1);
    expect(sample(text, 'ouvidoria_commands_total', { command: 'RegisterManifestation', outcome: 'accepted' })).toBe(3);
    expect(sample(text, 'ouvidoria_commands_total', { command: 'AnswerManifestation', outcome: 'MANIFESTATION_NOT_FOUND' })).toBe(1);
    expect(sample(text, 'ouvidoria_event_append_duration_seconds_count')).toBe(4);
    expect(sample(text, 'ouvidoria_event_store_group_commit_appends_count')).toBeGreaterThanOrEqual(4);
    // The URL's protocol never becomes a label: it is a case's id, and a path may hold a CPF.
    expect(text).not.toMatch(/12345620260101999999/);
  });

  it('shows the machinery: the store up, each read model caught up with no lag, the process', async () => {
    const text = await scrape();
    expect(sample(text, 'ouvidoria_event_store_up')).toBe(1);
    for (const projection of ['work-queue', 'department-inbox', 'rea', 'recommendations', 'data-subjects']) {
      expect(sample(text, 'ouvidoria_projection_caught_up', { projection })).toBe(1);
      expect(sample(text, 'ouvidoria_projection_lag_events', { projection })).toBe(0);
    }
    expect(sample(text, 'ouvidoria_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('exports every metric the alert rules of deploy/prometheus use (those of Kafka when Kafka is configured)', async () => {
    const rules = readFileSync(join(__dirname, '../deploy/prometheus/alerts.yml'), 'utf8');
    const used = new Set([...rules.matchAll(/\b(ouvidoria_[a-z_]+)/g)].map((m) => m[1]));
    const text = await scrape();
    const exported = new Set([...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    const withoutKafka = [...used].filter((name) => !/^ouvidoria_(kafka|sac)_/.test(name));
    expect(withoutKafka.length).toBeGreaterThanOrEqual(4);
    expect(withoutKafka.filter((name) => !exported.has(name))).toEqual([]);
  });

  it('is served on its own port only: the API answers /metrics with 404, and the metrics port serves nothing else', async () => {
    expect((await get(server.url, '/metrics')).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/manifestations'))).status).toBe(404);
  });

  describePrometheus('scraped by a real Prometheus', () => {
    let prometheus: PrometheusServer;
    beforeAll(async () => {
      prometheus = await startPrometheus(new URL(metricsUrl).host);
    });
    afterAll(() => prometheus.stop());

    it('answers a query on a business gauge through its HTTP API', async () => {
      await eventually(async () => (await prometheus.query('sum(ouvidoria_cases_open)')) === 3, 30_000);
      expect(await prometheus.query('ouvidoria_forwardings_pending{department="regulacao"}')).toBe(1);
      expect(await prometheus.query('up{job="ouvidoria"}')).toBe(1);
    });
  });
});

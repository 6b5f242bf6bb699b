import { bearer } from './support/auth';
import { complaint, escalation } from './support/fixtures';
import { get, post, type HttpResult } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Many requests in flight at once. Two commands never both succeed against the same revision:
 * the loser gets a 409 (CONCURRENT_MODIFICATION or the state conflict the winner caused), or a
 * 412 when it pinned a revision with If-Match.
 */

const START = '2026-04-01T10:00:00-03:00';
const THEMES = ['ADMINISTRATIVO', 'COBERTURA_ASSISTENCIAL', 'FINANCEIRO', 'REDE_PRESTADORA', 'ATENDIMENTO_SAC'];

const sequenceOf = (protocol: string) => Number(protocol.slice(-6));
const statuses = (results: HttpResult[]) => results.map((r) => r.status);
const count = (results: HttpResult[], status: number) => results.filter((r) => r.status === status).length;
const parallel = <T>(n: number, request: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => request(i)));

function expectLosers(results: HttpResult[], allowed: Array<[number, string]>): void {
  for (const loser of results.filter((r) => r.status !== 200)) {
    expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(allowed).toContainEqual([loser.status, loser.body.code]);
  }
}

describe('concurrent requests over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(START);
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(START));

  async function open(): Promise<string> {
    const res = await post(app.url, '/manifestations', complaint());
    expect(res.status).toBe(201);
    return `/manifestations/${res.body.protocol}`;
  }

  async function state(path: string) {
    const [current, history] = await Promise.all([get(app.url, path), get(app.url, `${path}/history`)]);
    return { current, events: history.body.events as Array<{ type: string; revision: number }> };
  }

  it('20 parallel forwardings to one department: exactly one 200, the rest 409', async () => {
    const path = await open();
    const results = await parallel(20, (i) =>
      post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: `Pedido ${i}` }),
    );
    expect(count(results, 200)).toBe(1);
    expect(count(results, 409)).toBe(19);
    expectLosers(results, [
      [409, 'FORWARDING_PENDING'],
      [409, 'CONCURRENT_MODIFICATION'],
    ]);
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.headers.get('etag')).toBe('"1"');

    const { current, events } = await state(path);
    expect(current.headers.get('etag')).toBe('"1"');
    expect(current.body.forwardings).toHaveLength(1);
    expect(current.body.forwardings[0].instructions).toBe(winner.body.forwardings[0].instructions);
    expect(events.map((e) => e.type)).toEqual(['ManifestationRegistered', 'ForwardedToManagement']);
  });

  it('20 parallel classifications with If-Match "0": exactly one 200, the rest 412, final revision 1', async () => {
    const path = await open();
    const results = await parallel(20, (i) =>
      post(app.url, `${path}/classification`, { theme: THEMES[i % THEMES.length] }, { 'if-match': '"0"' }),
    );
    expect(count(results, 200)).toBe(1);
    // Whether a loser read the case before or after the winner's append, its pinned revision is stale.
    expectLosers(results, [[412, 'REVISION_MISMATCH']]);
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.headers.get('etag')).toBe('"1"');

    const { current, events } = await state(path);
    expect(current.headers.get('etag')).toBe('"1"');
    expect(current.body.revision).toBe(1);
    expect(current.body.theme).toBe(winner.body.theme);
    expect(events).toHaveLength(2);
  });

  it('20 parallel forwardings to 20 departments: every success has its own revision, and history matches', async () => {
    const path = await open();
    const results = await parallel(20, (i) => post(app.url, `${path}/forwardings`, { department: `dep-${i}`, instructions: 'Analisar' }));
    expectLosers(results, [[409, 'CONCURRENT_MODIFICATION']]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const etags = winners.map((r) => r.headers.get('etag'));
    expect(new Set(etags).size).toBe(winners.length);
    expect([...etags].sort((a, b) => Number(JSON.parse(a!)) - Number(JSON.parse(b!)))).toEqual(winners.map((_, i) => `"${i + 1}"`));

    const { current, events } = await state(path);
    expect(events).toHaveLength(1 + winners.length);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(current.body.forwardings.map((f: { department: string }) => f.department).sort()).toEqual(
      winners.map((r) => r.body.forwardings.at(-1).department).sort(),
    );
  });

  it('an answer racing a DUPLICADA close: exactly one of them wins', async () => {
    for (let round = 0; round < 10; round++) {
      const path = await open();
      const [answered, closed] = await Promise.all([
        post(app.url, `${path}/answer`, { text: 'Resposta', outcome: 'PROCEDENTE' }),
        post(app.url, `${path}/close`, { reason: 'DUPLICADA' }),
      ]);
      expect(statuses([answered, closed]).sort()).toEqual([200, 409]);
      if (answered.status === 200) expect(['ALREADY_ANSWERED', 'CONCURRENT_MODIFICATION']).toContain(closed.body.code);
      else expect(['CASE_CLOSED', 'CONCURRENT_MODIFICATION']).toContain(answered.body.code);
      const { current, events } = await state(path);
      expect(events).toHaveLength(2);
      expect(current.body.status).toBe(answered.status === 200 ? 'ANSWERED' : 'CLOSED');
    }
  });

  it('10 parallel satisfaction records: exactly one is kept', async () => {
    const path = await open();
    expect((await post(app.url, `${path}/answer`, { text: 'Resposta', outcome: 'INFORMADA' })).status).toBe(200);
    const results = await parallel(10, (i) => post(app.url, `${path}/satisfaction`, { score: (i % 5) + 1 }));
    expect(count(results, 200)).toBe(1);
    expectLosers(results, [
      [409, 'SATISFACTION_ALREADY_RECORDED'],
      [409, 'CONCURRENT_MODIFICATION'],
    ]);
    const winner = results.find((r) => r.status === 200)!;
    const { current, events } = await state(path);
    expect(current.body.satisfaction.score).toBe(winner.body.satisfaction.score);
    expect(events).toHaveLength(3);
  });

  it('30 parallel registrations get 30 distinct protocols with sequences 1..30', async () => {
    app.clock.set('2026-04-06T09:00:00-03:00'); // a day nobody else registers on
    const results = await parallel(30, (i) => post(app.url, '/manifestations', complaint({ subject: `Registro ${i}` })));
    expect(statuses(results)).toEqual(Array(30).fill(201));
    const protocols = results.map((r) => r.body.protocol as string);
    expect(new Set(protocols).size).toBe(30);
    for (const protocol of protocols) expect(protocol).toMatch(/^12345620260406\d{6}$/);
    expect(protocols.map(sequenceOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const result of results) {
      const current = await get(app.url, `/manifestations/${result.body.protocol}`);
      expect(current.body.subject).toBe(result.body.subject);
      expect(current.headers.get('etag')).toBe('"0"');
    }
  });

  it('20 parallel SAC escalations with one escalationId open one case', async () => {
    app.clock.set('2026-04-07T09:00:00-03:00');
    const body = escalation({ escalationId: 'sac-par-0001', escalatedAt: '2026-04-07T08:30:00-03:00' });
    const results = await parallel(20, () => post(app.url, '/sac-escalations', body));
    expect(statuses(results).every((s) => s === 200 || s === 201)).toBe(true);
    expect(count(results, 201)).toBeGreaterThanOrEqual(1);
    const protocols = new Set(results.map((r) => r.body.protocol));
    expect(protocols.size).toBe(1);
    const [protocol] = [...protocols];
    for (const result of results) expect(result.headers.get('etag')).toBe('"1"');

    const history = await get(app.url, `/manifestations/${protocol}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ManifestationRegistered', 'EscalatedFromSac']);
  });

  it('20 parallel SAC escalations with one escalationId spend one protocol number: the next case gets the next one', async () => {
    app.clock.set('2026-04-10T09:00:00-03:00'); // a fresh day: the escalation is its first protocol
    const body = escalation({ escalationId: 'sac-par-0002', escalatedAt: '2026-04-10T08:30:00-03:00' });
    const results = await parallel(20, () => post(app.url, '/sac-escalations', body));
    const [protocol] = new Set(results.map((r) => r.body.protocol as string));
    expect(sequenceOf(protocol)).toBe(1);
    const next = await post(app.url, '/manifestations', complaint());
    expect(next.body.protocol).toBe('12345620260410000002');
  });

  it('20 parallel registrations with one Idempotency-Key open one case', async () => {
    app.clock.set('2026-04-08T09:00:00-03:00');
    const headers = { 'idempotency-key': 'par-key-1', ...(await bearer('ouvidoria', 'portal')) };
    const results = await parallel(20, () => post(app.url, '/manifestations', complaint({ subject: 'Clique duplo' }), headers));
    expect(statuses(results)).toEqual(Array(20).fill(201));
    const protocols = new Set(results.map((r) => r.body.protocol));
    expect(protocols.size).toBe(1);
    for (const result of results) expect(result.headers.get('etag')).toBe('"0"');
    const [protocol] = [...protocols];
    expect((await get(app.url, `/manifestations/${protocol}/history`)).body.events).toHaveLength(1);
  });

  it('20 parallel registrations with one Idempotency-Key spend one protocol number: the next case gets the next one', async () => {
    app.clock.set('2026-04-13T09:00:00-03:00'); // a fresh day
    const headers = { 'idempotency-key': 'par-key-2', ...(await bearer('ouvidoria', 'portal')) };
    const results = await parallel(20, () => post(app.url, '/manifestations', complaint({ subject: 'Clique duplo' }), headers));
    const [protocol] = new Set(results.map((r) => r.body.protocol as string));
    expect(sequenceOf(protocol)).toBe(1);
    const next = await post(app.url, '/manifestations', complaint());
    expect(next.body.protocol).toBe('12345620260413000002');
  });

  it('parallel escalations with different ids and parallel commands on different cases do not interfere', async () => {
    app.clock.set('2026-04-09T09:00:00-03:00');
    const escalations = await parallel(10, (i) =>
      post(app.url, '/sac-escalations', escalation({ escalationId: `sac-par-1${i}`, escalatedAt: '2026-04-09T08:00:00-03:00' })),
    );
    expect(statuses(escalations)).toEqual(Array(10).fill(201));
    expect(new Set(escalations.map((r) => r.body.protocol)).size).toBe(10);
    const classified = await Promise.all(
      escalations.map((r) =>
        post(app.url, `/manifestations/${r.body.protocol}/classification`, { theme: 'FINANCEIRO' }, { 'if-match': '"1"' }),
      ),
    );
    expect(statuses(classified)).toEqual(Array(10).fill(200));
    for (const result of classified) expect(result.headers.get('etag')).toBe('"2"');
  });
});

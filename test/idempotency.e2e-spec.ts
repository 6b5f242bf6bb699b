import { bearer } from './support/auth';
import { complaint, escalation } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Idempotency-Key on registrations (scoped per token subject) and escalationId on SAC escalations:
 * a retry replays, a different body under the same key is a 422, and replays write nothing.
 */

const START = '2026-04-01T10:00:00-03:00';

const sequenceOf = (protocol: string) => Number(protocol.slice(-6));

function expectProblem(res: HttpResult, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.stringMatching(/^urn:ouvidoria:problem:/), title: expect.any(String), status, code });
}

/** The same JSON value with every object's keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

/** Reordered keys, indentation, spaces around separators and a trailing newline: the same JSON value. */
const restyled = (body: unknown) => `\n${JSON.stringify(reverseKeys(body), null, 4).replace(/": /g, '"  :  ')}\n\n`;

/** A replay answers the case as first registered, but never the requester's access code again. */
function withoutAccessCode(body: { accessCode?: string }) {
  expect(body.accessCode).toEqual(expect.any(String));
  const { accessCode: _, ...rest } = body;
  return rest;
}

describe('idempotent registration over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(START);
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(START));

  const register = (body: unknown, headers: Record<string, string> = {}) => post(app.url, '/manifestations', body, headers);

  async function plainRegistration(): Promise<string> {
    const res = await register(complaint({ subject: 'Sem chave' }));
    expect(res.status).toBe(201);
    return res.body.protocol;
  }

  async function historyLength(protocol: string): Promise<number> {
    const res = await get(app.url, `/manifestations/${protocol}/history`);
    expect(res.status).toBe(200);
    return res.body.events.length;
  }

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, and opens no second case', async () => {
      const headers = { 'idempotency-key': 'reg-0001', ...(await bearer('ouvidoria', 'portal')) };
      const body = complaint({ subject: 'Primeira tentativa' });
      const first = await register(body, headers);
      expect(first.status).toBe(201);
      expect(first.headers.get('etag')).toBe('"0"');
      const protocol = first.body.protocol;

      app.clock.set('2026-04-01T10:07:00-03:00'); // the client retries a few minutes later
      for (let attempt = 0; attempt < 3; attempt++) {
        const replay = await register(body, headers);
        expect(replay.status).toBe(201);
        expect(replay.headers.get('etag')).toBe('"0"');
        expect(replay.headers.get('location')).toBe(`/manifestations/${protocol}`);
        expect(replay.body).toEqual(withoutAccessCode(first.body));
      }

      expect(await historyLength(protocol)).toBe(1);
      const current = await get(app.url, `/manifestations/${protocol}`);
      expect(current.body).toEqual(withoutAccessCode(first.body)); // receivedAt is still the first request's
      expect(sequenceOf(await plainRegistration())).toBe(sequenceOf(protocol) + 1);
    });

    it('replays the first response (ETag "0") even after the case moved on, and writes nothing', async () => {
      const headers = { 'idempotency-key': 'reg-0002' };
      const first = await register(complaint(), headers);
      const path = `/manifestations/${first.body.protocol}`;
      const classified = await post(app.url, `${path}/classification`, { theme: 'FINANCEIRO' });
      expect(classified.headers.get('etag')).toBe('"1"');

      const replay = await register(complaint(), headers);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('etag')).toBe('"0"');
      expect(replay.body).toEqual(withoutAccessCode(first.body));
      expect(replay.body).toMatchObject({ theme: null, revision: 0 });

      const current = await get(app.url, path);
      expect(current.headers.get('etag')).toBe('"1"');
      expect(current.body.theme).toBe('FINANCEIRO');
      expect(await historyLength(first.body.protocol)).toBe(2);
    });

    it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED, and opens nothing', async () => {
      const headers = { 'idempotency-key': 'reg-0003' };
      const first = await register(complaint({ subject: 'Assunto A' }), headers);
      expect(first.status).toBe(201);

      const changes: Array<Record<string, unknown>> = [
        { subject: 'Assunto B' },
        { subject: 'Assunto A ' }, // white space inside a string is content
        { subject: 'Assunto A', theme: 'FINANCEIRO' },
        { subject: 'Assunto A', sacProtocol: undefined },
        { subject: 'Assunto A', requester: { kind: 'BENEFICIARIO', name: 'Maria da Silva', email: 'maria@example.com' } },
      ];
      for (const change of changes) {
        const reused = await register(complaint(change), headers);
        expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
        expect(reused.headers.get('location')).toBeNull();
      }

      expect(await historyLength(first.body.protocol)).toBe(1);
      expect(sequenceOf(await plainRegistration())).toBe(sequenceOf(first.body.protocol) + 1);
      // The key still replays its own body.
      expect((await register(complaint({ subject: 'Assunto A' }), headers)).body.protocol).toBe(first.body.protocol);
    });

    it('scopes keys per token subject: the same key from another client opens its own case', async () => {
      const body = complaint({ subject: 'Mesma chave, atores diferentes' });
      const key = 'shared-key-1';
      const portal = await register(body, { 'idempotency-key': key, ...(await bearer('ouvidoria', 'portal')) });
      const app2 = await register(body, { 'idempotency-key': key, ...(await bearer('ouvidoria', 'app-mobile')) });
      const nobody = await register(body, { 'idempotency-key': key });
      expect([portal.status, app2.status, nobody.status]).toEqual([201, 201, 201]);
      const protocols = [portal.body.protocol, app2.body.protocol, nobody.body.protocol];
      expect(new Set(protocols).size).toBe(3);
      expect(protocols.map(sequenceOf)).toEqual([1, 2, 3].map((i) => sequenceOf(protocols[0]) + i - 1));

      expect((await register(body, { 'idempotency-key': key, ...(await bearer('ouvidoria', 'portal')) })).body.protocol).toBe(protocols[0]);
      expect((await register(body, { 'idempotency-key': key, ...(await bearer('ouvidoria', 'app-mobile')) })).body.protocol).toBe(
        protocols[1],
      );
      expect((await register(body, { 'idempotency-key': key })).body.protocol).toBe(protocols[2]);
      // A different body under the other actor's key is still that actor's reuse.
      expectProblem(
        await register(complaint(), { 'idempotency-key': key, ...(await bearer('ouvidoria', 'app-mobile')) }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
    });

    it('keys are exact: another key with the same body opens another case', async () => {
      const body = complaint({ subject: 'Chaves parecidas' });
      const a = await register(body, { 'idempotency-key': 'key-A' });
      const b = await register(body, { 'idempotency-key': 'key-a' });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.protocol).not.toBe(a.body.protocol);
    });

    it('does not let key order or white space in the JSON change the fingerprint', async () => {
      const body = complaint({ subject: 'Ordem das chaves', theme: 'REDE_PRESTADORA' });
      const headers = { 'idempotency-key': 'reg-0004', 'content-type': 'application/json' };
      const first = await call(app.url, 'POST', '/manifestations', { raw: JSON.stringify(body), headers });
      expect(first.status).toBe(201);

      const text = restyled(body);
      expect(text).not.toBe(JSON.stringify(body));
      expect(text.indexOf('"sacProtocol"')).toBeLessThan(text.indexOf('"type"')); // really reordered
      const replay = await call(app.url, 'POST', '/manifestations', { raw: text, headers });
      expect(replay.status).toBe(201);
      expect(replay.body.protocol).toBe(first.body.protocol);
      expect(replay.headers.get('etag')).toBe('"0"');
      expect(await historyLength(first.body.protocol)).toBe(1);
    });

    it('does not depend on other headers such as X-Correlation-Id', async () => {
      const body = complaint({ subject: 'Correlação' });
      const first = await register(body, { 'idempotency-key': 'reg-0005', 'x-correlation-id': 'corr-1' });
      const replay = await register(body, { 'idempotency-key': 'reg-0005', 'x-correlation-id': 'corr-2' });
      expect([first.status, replay.status]).toEqual([201, 201]);
      expect(replay.body.protocol).toBe(first.body.protocol);
    });

    it('does not spend a key on a refused registration: the corrected body under the same key is a new case', async () => {
      const headers = { 'idempotency-key': 'reg-0006' };
      const before = await plainRegistration();
      const refused = await register(complaint({ type: 'REANALISE' }), headers); // no deniedRequestProtocol
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      const corrected = complaint({ type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-42' });
      const created = await register(corrected, headers);
      expect(created.status).toBe(201);
      expect(sequenceOf(created.body.protocol)).toBe(sequenceOf(before) + 1);
      // From now on the key belongs to the corrected body.
      expectProblem(await register(complaint({ type: 'REANALISE' }), headers), 422, 'IDEMPOTENCY_KEY_REUSED');
      expect((await register(corrected, headers)).body.protocol).toBe(created.body.protocol);
    });
  });

  describe('SAC escalation', () => {
    it('opens a case the first time (201), then replays it (200) with no new events', async () => {
      const body = escalation({ escalationId: 'sac-esc-1001' });
      const first = await post(app.url, '/sac-escalations', body);
      expect(first.status).toBe(201);
      const protocol = first.body.protocol;
      expect(first.headers.get('location')).toBe(`/manifestations/${protocol}`);
      expect(first.headers.get('etag')).toBe('"1"');
      expect(first.body).toMatchObject({
        origin: 'SAC_ESCALATION',
        channel: 'OUTRO',
        status: 'OPEN',
        sacProtocol: 'SAC-2026-000999',
        receivedAt: '2026-04-01T09:30:00.000-03:00', // = escalatedAt
        deadline: '2026-04-13T23:59:59.999-03:00',
        escalation: {
          escalationId: 'sac-esc-1001',
          escalatedAt: '2026-04-01T09:30:00.000-03:00',
          reason: 'Não resolvido no SAC em 5 dias',
        },
        revision: 1,
      });
      const history = await get(app.url, `/manifestations/${protocol}/history`);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ManifestationRegistered', 'EscalatedFromSac']);

      app.clock.set('2026-04-01T11:00:00-03:00');
      for (let attempt = 0; attempt < 3; attempt++) {
        const replay = await post(app.url, '/sac-escalations', body, await bearer('sac-integration', `sac-retry-${attempt}`));
        expect(replay.status).toBe(200);
        expect(replay.headers.get('etag')).toBe('"1"');
        expect(replay.headers.get('location')).toBe(`/manifestations/${protocol}`);
        // A SAC system gets a receipt, not the case: where its escalation went and when it is due.
        expect(replay.body).toEqual({ protocol, type: 'RECLAMACAO', receivedAt: first.body.receivedAt, deadline: first.body.deadline });
      }
      // The same escalation from the Ouvidoria itself answers with the whole case.
      expect((await post(app.url, '/sac-escalations', body)).body).toEqual(withoutAccessCode(first.body));
      expect(await historyLength(protocol)).toBe(2);
      expect(sequenceOf(await plainRegistration())).toBe(sequenceOf(protocol) + 1);
    });

    it('takes escalatedAt in any offset as the receipt instant', async () => {
      const res = await post(app.url, '/sac-escalations', escalation({ escalationId: 'sac-esc-utc', escalatedAt: '2026-03-31T12:30:00Z' }));
      expect(res.status).toBe(201);
      expect(res.body.receivedAt).toBe('2026-03-31T09:30:00.000-03:00');
      expect(res.body.deadline).toBe('2026-04-10T23:59:59.999-03:00'); // 7 business days, Good Friday skipped
    });

    it('refuses the same escalationId with a different body with 422 ESCALATION_ID_REUSED', async () => {
      const body = escalation({ escalationId: 'sac-esc-1002' });
      const first = await post(app.url, '/sac-escalations', body);
      expect(first.status).toBe(201);
      for (const change of [{ reason: 'Outro motivo' }, { escalatedAt: '2026-04-01T09:31:00-03:00' }, { subject: 'Reembolso atrasado!' }]) {
        expectProblem(await post(app.url, '/sac-escalations', { ...body, ...change }), 422, 'ESCALATION_ID_REUSED');
      }
      expect(await historyLength(first.body.protocol)).toBe(2);
    });

    it('does not let key order or white space change the escalation fingerprint', async () => {
      const body = escalation({ escalationId: 'sac-esc-1003' });
      const headers = { 'content-type': 'application/json' };
      const first = await call(app.url, 'POST', '/sac-escalations', { raw: JSON.stringify(body), headers });
      expect(first.status).toBe(201);
      const replay = await call(app.url, 'POST', '/sac-escalations', { raw: restyled(body), headers });
      expect(replay.status).toBe(200);
      expect(replay.body.protocol).toBe(first.body.protocol);
      expect(await historyLength(first.body.protocol)).toBe(2);
    });

    it('answers a replay with the case as it stands, still without new events', async () => {
      const body = escalation({ escalationId: 'sac-esc-1004' });
      const first = await post(app.url, '/sac-escalations', body);
      const path = `/manifestations/${first.body.protocol}`;
      expect((await post(app.url, `${path}/classification`, { theme: 'FINANCEIRO' })).status).toBe(200);
      const replay = await post(app.url, '/sac-escalations', body);
      expect(replay.status).toBe(200);
      expect(replay.body.protocol).toBe(first.body.protocol);
      expect(replay.headers.get('etag')).toBe(`"${replay.body.revision}"`);
      expect(await historyLength(first.body.protocol)).toBe(3);
    });

    it('keeps escalation ids and idempotency keys apart', async () => {
      const viaSac = await post(app.url, '/sac-escalations', escalation({ escalationId: 'same-id-2001' }));
      const direct = await register(complaint(), { 'idempotency-key': 'same-id-2001' });
      expect([viaSac.status, direct.status]).toEqual([201, 201]);
      expect(direct.body.protocol).not.toBe(viaSac.body.protocol);
    });
  });
});

import { SignJWT } from 'jose';
import { mintToken } from '../apps/ouvidoria-api/src/auth/mint-token';
import { ROLES, type Role } from '../apps/ouvidoria-api/src/auth/principal';
import { bearer, TEST_JWT_SECRET } from './support/auth';
import { complaint, escalation } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Who may call what. Each route lists the roles allowed; every other role gets 403, and a call
 * without a token 401. Allowed callers read with 200 and send an empty body to commands, so the
 * matrix never changes anything: passing the guards shows as a 400 from validation.
 */
const MATRIX: Array<[method: 'GET' | 'POST', path: string, allowed: readonly (Role | 'anyone')[], through?: number]> = [
  ['GET', '/health', ['anyone']],
  ['GET', '/health/live', ['anyone']],
  ['GET', '/health/ready', ['anyone']],
  ['POST', '/manifestations', ['ouvidoria']],
  ['POST', '/sac-escalations', ['sac-integration', 'ouvidoria']],
  ['GET', '/manifestations', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/stats', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/reports/rea', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/manifestations/{protocol}', ['ouvidoria', 'auditor', 'admin', 'department']],
  ['GET', '/manifestations/{protocol}/history', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/manifestations/{protocol}/verify', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/manifestations/{protocol}/notifications', ['ouvidoria', 'auditor', 'admin']],
  // Through the guards an unknown attachment is a 404 (a department: also one not shared with it).
  ['GET', '/manifestations/{protocol}/attachments/{attachmentId}', ['ouvidoria', 'auditor', 'admin', 'department'], 404],
  // A JSON body is not an upload: 415.
  ['POST', '/manifestations/{protocol}/attachments', ['ouvidoria'], 415],
  ['POST', '/public/manifestations/{protocol}/attachments', ['anyone'], 400],
  ['GET', '/departments/{code}/forwardings', ['ouvidoria', 'auditor', 'admin', 'department']],
  ['POST', '/manifestations/{protocol}/classification', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/conversion', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/forwardings', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/forwardings/{forwardingId}/reply', ['ouvidoria', 'department']],
  ['POST', '/manifestations/{protocol}/extension', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/answer', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/close', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/satisfaction', ['ouvidoria']],
  // No body to fail validation: the code is reissued (harmless here).
  ['POST', '/manifestations/{protocol}/access-code', ['ouvidoria'], 200],
  ['POST', '/manifestations/{protocol}/clarification-requests', ['ouvidoria']],
  ['POST', '/manifestations/{protocol}/clarification-requests/{clarificationId}/reply', ['ouvidoria']],
  // The requester's routes take an access code instead of a token; without one they answer 400.
  ['GET', '/public/manifestations/{protocol}', ['anyone'], 400],
  ['POST', '/public/manifestations/{protocol}/satisfaction', ['anyone'], 400],
  ['POST', '/public/manifestations/{protocol}/clarification', ['anyone'], 400],
  ['POST', '/recommendations', ['ouvidoria']],
  ['POST', '/recommendations/{id}/stage', ['ouvidoria']],
  ['GET', '/recommendations', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/recommendations/{id}', ['ouvidoria', 'auditor', 'admin']],
  ['GET', '/audit/head', ['auditor', 'admin']],
  ['POST', '/data-subjects/erasure', ['dpo']],
  ['GET', '/data-subjects/{document}/export', ['dpo']],
];

const DEPARTMENT = 'regulacao';
const tokenFor = (role: Role) => bearer(role, `${role}-user`, role === 'department' ? DEPARTMENT : undefined);

describe('access control', () => {
  let app: TestApp;
  let protocol: string;
  let forwardingId: string;
  let recommendationId: string;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    protocol = (await post(app.url, '/manifestations', complaint())).body.protocol;
    const forwarded = await post(app.url, `/manifestations/${protocol}/forwardings`, { department: DEPARTMENT, instructions: 'Verificar' });
    forwardingId = forwarded.body.forwardings[0].forwardingId;
    recommendationId = (await post(app.url, '/recommendations', { department: DEPARTMENT, text: 'Publicar prazos' })).body.recommendationId;
  });
  afterAll(() => app.close());

  const concrete = (path: string) =>
    path
      .replace('{protocol}', protocol)
      .replace('{forwardingId}', forwardingId)
      .replace('{clarificationId}', '00000000-0000-4000-8000-000000000000')
      .replace('{attachmentId}', '00000000-0000-4000-8000-000000000000')
      .replace('{code}', DEPARTMENT)
      .replace('{id}', recommendationId)
      .replace('{document}', '52998224725') + (['/reports/rea', '/recommendations'].includes(path) ? '?year=2026' : '');
  const send = (method: 'GET' | 'POST', path: string, headers: Record<string, string> | null): Promise<HttpResult> =>
    call(app.url, method, concrete(path), { json: method === 'POST' ? {} : undefined, headers: headers ?? {}, anonymous: true });

  it('has a row for every route the API documents', async () => {
    const doc = (await get(app.url, '/docs-json')).body;
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(MATRIX.map(([method, path]) => `${method} ${path}`).sort()).toEqual(documented.sort());
  });

  describe.each(MATRIX)('%s %s', (method, path, allowed, through = method === 'GET' ? 200 : 400) => {
    it.each(ROLES)('as %s', async (role) => {
      const res = await send(method, path, await tokenFor(role));
      if (allowed.includes(role) || allowed.includes('anyone')) {
        // Through the guards: a read answers, an empty command body fails validation.
        expect(res.status).toBe(through);
      } else {
        expectProblem(res, 403, 'FORBIDDEN_FOR_ROLE');
      }
    });

    it('without a token', async () => {
      const res = await send(method, path, null);
      if (allowed.includes('anyone')) {
        expect(res.status).toBe(through);
      } else {
        expectProblem(res, 401, 'UNAUTHENTICATED');
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ouvidoria"');
      }
    });
  });

  it('leaves the OpenAPI document and the UI open', async () => {
    expect((await call(app.url, 'GET', '/docs-json', { anonymous: true })).status).toBe(200);
    expect((await call(app.url, 'GET', '/docs', { anonymous: true })).status).toBe(200);
  });

  describe('refuses a token that is not good, with 401 INVALID_TOKEN', () => {
    const secret = new TextEncoder().encode(TEST_JWT_SECRET);
    const signed = (claims: Record<string, unknown>, key = secret, alg = 'HS256') =>
      new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
    const hour = () => Math.floor(Date.now() / 1000) + 3600;

    it.each<[string, () => Promise<string>]>([
      ['a scheme other than Bearer', async () => `Basic ${Buffer.from('maria:senha').toString('base64')}`],
      ['a bearer that is not a JWT', async () => 'Bearer not-a-token'],
      [
        'another secret',
        async () => `Bearer ${await signed({ sub: 'x', role: 'ouvidoria', exp: hour() }, new TextEncoder().encode('x'.repeat(40)))}`,
      ],
      [
        'an expired token',
        async () => `Bearer ${await mintToken(secret, { sub: 'x', role: 'ouvidoria' }, 60, {}, new Date(Date.now() - 7200_000))}`,
      ],
      ['no expiry', async () => `Bearer ${await signed({ sub: 'x', role: 'ouvidoria' })}`],
      ['an unknown role', async () => `Bearer ${await signed({ sub: 'x', role: 'superuser', exp: hour() })}`],
      ['no subject', async () => `Bearer ${await signed({ role: 'ouvidoria', exp: hour() })}`],
      ['a department role without a department', async () => `Bearer ${await signed({ sub: 'x', role: 'department', exp: hour() })}`],
      [
        'alg none',
        async () => {
          const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
          return `Bearer ${encode({ alg: 'none' })}.${encode({ sub: 'x', role: 'admin', exp: hour() })}.`;
        },
      ],
    ])('%s', async (_, authorization) => {
      const res = await call(app.url, 'GET', '/stats', { headers: { authorization: await authorization() }, anonymous: true });
      expectProblem(res, 401, 'INVALID_TOKEN');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="ouvidoria", error="invalid_token"/);
    });

    it('says so when the token has expired', async () => {
      const expired = await mintToken(secret, { sub: 'x', role: 'ouvidoria' }, 60, {}, new Date(Date.now() - 7200_000));
      const res = await call(app.url, 'GET', '/stats', { headers: { authorization: `Bearer ${expired}` }, anonymous: true });
      expect(res.body.detail).toMatch(/expired/);
    });
  });

  it('records the SAC system as the actor of the escalation it sends', async () => {
    const sac = await bearer('sac-integration', 'sac-core');
    const escalated = await post(app.url, '/sac-escalations', escalation({ escalationId: 'ac-esc-1' }), sac);
    expect(escalated.status).toBe(201);
    const history = await get(app.url, `/manifestations/${escalated.body.protocol}/history`);
    expect(history.body.events.map((e: any) => e.metadata.actor)).toEqual([
      { sub: 'sac-core', role: 'sac-integration' },
      { sub: 'sac-core', role: 'sac-integration' },
    ]);
  });
});

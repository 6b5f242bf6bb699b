import { complaint } from './support/fixtures';
import { bearer } from './support/auth';
import { logHead } from './support/event-log';
import { call, get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { exchange } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

/** Input crafted to break the server, not just to be wrong: each is a clean 4xx and changes nothing. */
describe('hostile input', () => {
  let app: TestApp;
  let authorization: string;
  beforeAll(async () => {
    app = await startTestApp();
    authorization = (await bearer('ouvidoria', 'analista')).authorization;
  });
  afterAll(() => app.close());

  const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
  const raw = (body: string) => call(app.url, 'POST', '/manifestations', { raw: body, headers: { 'content-type': 'application/json' } });

  /** The refusal names the field and the rule, and the log did not move. */
  async function refusedUnchanged(send: () => Promise<HttpResult>, code: string, field: string, rule: string) {
    const before = logHead(app.dataDir);
    const res = await send();
    expectProblem(res, 400, code);
    expect(res.body.errors).toEqual([expect.objectContaining({ field, rule })]);
    expect(logHead(app.dataDir)).toBe(before);
  }

  it.each([
    ['objects 1,500 levels deep in a known field', `{"requester":${nested(1500)}}`],
    ['arrays 5,000 levels deep in an unknown field', `{"foo":${'['.repeat(5000)}1${']'.repeat(5000)}}`],
  ])('refuses %s as JSON_TOO_DEEP', async (_, body) => {
    const res = await raw(body);
    expectProblem(res, 400, 'JSON_TOO_DEEP');
    expect(res.body.errors[0]).toMatchObject({ rule: 'maxDepth' });
  });

  it('takes 64 levels to the validator (which refuses the unknown field), and stops at 65', async () => {
    const at64 = await raw(`{"subject":"x","foo":${nested(63)}}`);
    expectProblem(at64, 400, 'VALIDATION_FAILED');
    await refusedUnchanged(() => raw(`{"foo":${nested(64)}}`), 'JSON_TOO_DEEP', 'foo' + '.a'.repeat(63), 'maxDepth');
  });

  it.each([
    ['constructor in an unknown field', { foo: { constructor: 'x' } }, 'foo.constructor'],
    ['constructor as a number', { foo: { constructor: 7 } }, 'foo.constructor'],
    ['prototype in the requester', { ...complaint(), requester: { ...complaint().requester, prototype: {} } }, 'requester.prototype'],
    ['constructor at the top', { ...complaint(), constructor: { prototype: { polluted: true } } }, 'constructor'],
  ])('refuses %s as FORBIDDEN_KEY naming it', async (_, body, field) => {
    await refusedUnchanged(() => post(app.url, '/manifestations', body), 'FORBIDDEN_KEY', field, 'forbiddenKey');
  });

  it('refuses __proto__ as a key, which JSON.stringify would not even send', async () => {
    const body = JSON.stringify(complaint()).replace(/^\{/, '{"__proto__":{"admin":true},');
    await refusedUnchanged(() => raw(body), 'FORBIDDEN_KEY', '__proto__', 'forbiddenKey');
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'prototype'])('refuses %s as a query parameter', async (key) => {
    const res = await get(app.url, `/manifestations?${key}=x`);
    expectProblem(res, 400, 'FORBIDDEN_KEY');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: key, rule: 'forbiddenKey' })]);
  });

  it.each(['/manifestations/%zz/history', '/manifestations/%C3%A9%zz', '/%E0%A4%A'])(
    'answers a malformed percent-encoding (%s) as problem+json and keeps the connection usable',
    async (path) => {
      const request = (target: string) => `GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: ${authorization}\r\n\r\n`;
      const [bad, next] = await exchange(app.url, [request(path), request('/health')]);
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(bad.body)).toMatchObject({
        status: 400,
        code: 'MALFORMED_URL',
        errors: [{ field: 'url', rule: 'percentEncoding' }],
      });
      expect(next?.status).toBe(200);
    },
  );

  it('answers headers too large with a 431 problem and closes the connection, saying so', async () => {
    const [res] = await exchange(app.url, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(res.status).toBe(431);
    expect(res.headers['connection']).toBe('close');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('never echoes a query string, where a token may travel, in a problem', async () => {
    const res = await call(app.url, 'GET', '/manifestations?access_token=eyJ.secret.value&status=OPEN', { anonymous: true });
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.body.instance).toBe('/manifestations');
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});

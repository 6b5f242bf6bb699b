import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { cli } from './support/cli';
import { complaint } from './support/fixtures';
import { call, get, post } from './support/http';
import { expectProblem } from './support/problem';
import { kill9, startServerProcess } from './support/server-process';
import { startTestApp, type TestApp } from './support/test-app';

describe('zero-setup tokens: a secret in DATA_DIR and token:mint', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-auth-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the secret on first start, owner-only, and accepts tokens the CLI mints with it, across restarts', async () => {
    const env = { DATA_DIR: dataDir, JWT_SECRET: '' };
    let server = await startServerProcess(env);
    try {
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      const minted = cli(dataDir, 'token:mint', '--role', 'ouvidoria', '--sub', 'maria', '--ttl', '1h');
      expect(minted.status).toBe(0);
      const authorization = `Bearer ${minted.stdout.trim()}`;
      const registered = await post(server.url, '/manifestations', complaint(), { authorization });
      expect(registered.status).toBe(201);
      // The suite's own secret is not this server's.
      expectProblem(await get(server.url, '/stats', await bearer('ouvidoria')), 401, 'INVALID_TOKEN');

      await kill9(server.child);
      server = await startServerProcess(env);
      expect((await get(server.url, `/manifestations/${registered.body.protocol}`, { authorization })).status).toBe(200);
    } finally {
      await kill9(server.child);
    }
  });

  it.each([
    [['token:mint', '--role', 'root', '--sub', 'x'], /claim "role" must be one of/],
    [['token:mint', '--role', 'department', '--sub', 'x'], /needs claim "department"/],
    [['token:mint', '--role', 'ouvidoria', '--sub', 'x', '--ttl', 'forever'], /--ttl must be/],
    [['token:mint', '--role', 'ouvidoria'], /needs --role and --sub/],
    [['token:mint', '--role', 'ouvidoria', '--sub', 'x', '--admin'], /Unknown option '--admin'/],
  ])('refuses %j with exit 64 and the reason', (args, reason) => {
    const result = cli(dataDir, ...args);
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(reason);
    expect(result.stdout).toBe('');
  });
});

describe('rate limiting and security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00', { RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => app.close());

  it('answers 429 problem+json with Retry-After past the limit, one budget per client across routes', async () => {
    const maria = await bearer('auditor', 'maria');
    const statuses = [];
    for (const path of ['/stats', '/manifestations', '/stats', '/reports/rea?year=2026', '/stats', '/manifestations']) {
      statuses.push((await get(app.url, path, maria)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await get(app.url, '/stats', maria);
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get(app.url, '/stats', await bearer('auditor', 'joao'))).status).toBe(200);
  });

  it('counts refused calls too: bad tokens per address, forbidden roles per client', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await get(app.url, '/stats', { authorization: `Bearer guess.${i}.token` })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const sac = await bearer('sac-integration', 'sac-core');
    const forbidden = [];
    for (let i = 0; i < 6; i++) forbidden.push((await get(app.url, '/stats', sac)).status);
    expect(forbidden).toEqual([403, 403, 403, 403, 403, 429]);
  });

  it('sends the security headers on answers and on errors', async () => {
    for (const res of [
      await call(app.url, 'GET', '/health', { anonymous: true }),
      await call(app.url, 'GET', '/stats', { anonymous: true }),
    ]) {
      expect(
        Object.fromEntries(
          ['cache-control', 'x-content-type-options', 'x-frame-options', 'content-security-policy'].map((h) => [h, res.headers.get(h)]),
        ),
      ).toEqual({
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
    }
  });
});

describe('tokens from an identity provider (JWT_JWKS_URL)', () => {
  let jwks: Server;
  let jwksUrl: string;
  let app: TestApp;
  let privateKey: KeyLike;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
    jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    app = await startTestApp('2026-04-01T10:00:00-03:00', { JWT_SECRET: '', JWT_JWKS_URL: jwksUrl, ...IDP });
  });
  afterAll(async () => {
    await app.close();
    if (jwks.listening) jwks.close();
  });

  const IDP = { JWT_ISSUER: 'https://idp.example', JWT_AUDIENCE: 'ouvidoria-api' };
  const rs256 = (claims: Record<string, unknown>, issuer = 'https://idp.example', audience = 'ouvidoria-api') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('1h')
      .sign(privateKey)
      .then((token) => ({ authorization: `Bearer ${token}` }));

  it("accepts the provider's RS256 tokens for this API, and refuses another issuer, another audience and HS256", async () => {
    expect((await get(app.url, '/stats', await rs256({ sub: 'maria', role: 'auditor' }))).status).toBe(200);
    expectProblem(
      await get(app.url, '/stats', await rs256({ sub: 'maria', role: 'auditor' }, 'https://evil.example')),
      401,
      'INVALID_TOKEN',
    );
    expectProblem(
      await get(app.url, '/stats', await rs256({ sub: 'maria', role: 'admin' }, undefined, 'another-app')),
      401,
      'INVALID_TOKEN',
    );
    expectProblem(await get(app.url, '/stats', await bearer('auditor')), 401, 'INVALID_TOKEN');
  });

  it('answers 503 with Retry-After when the keys cannot be fetched, not 401', async () => {
    const token = await rs256({ sub: 'maria', role: 'auditor' });
    jwks.closeAllConnections();
    await new Promise((resolve) => jwks.close(resolve));
    // A server that has not fetched the keys yet, and now cannot.
    const fresh = await startTestApp('2026-04-01T10:00:00-03:00', { JWT_SECRET: '', JWT_JWKS_URL: jwksUrl, ...IDP });
    try {
      const res = await get(fresh.url, '/stats', token);
      expectProblem(res, 503, 'AUTH_KEYS_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    } finally {
      await fresh.close();
    }
  });
});

import fc from 'fast-check';
import { request } from 'node:http';
import { bearer } from './support/auth';
import { logHead } from './support/event-log';
import { complaint, escalation } from './support/fixtures';
import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Property: whatever arrives on any route the OpenAPI document lists — paths, query strings,
 * headers and bodies, near-valid or hostile — the answer is never a 5xx, every 4xx is
 * problem+json, and a refused request appends nothing. Seeded, so a failure replays.
 */
const SEED = 20261207;
const RUNS = 2500;

/** A valid body per command route: the fuzzer mutates these, so most requests reach the domain. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  '/manifestations': complaint(),
  '/sac-escalations': escalation(),
  '/manifestations/{protocol}/classification': { theme: 'FINANCEIRO' },
  '/manifestations/{protocol}/conversion': { toType: 'RECLAMACAO', reason: 'Não é revisão de negativa' },
  '/manifestations/{protocol}/forwardings': {
    department: 'regulacao',
    instructions: 'Rever',
    dueInBusinessDays: 3,
    shareRequesterContact: false,
  },
  '/manifestations/{protocol}/forwardings/{forwardingId}/reply': { text: 'Revisto' },
  '/manifestations/{protocol}/extension': {
    justification: 'Aguardando laudo do prestador credenciado',
    businessDays: 15,
    agreedWithRequester: true,
  },
  '/manifestations/{protocol}/answer': { text: 'Autorizado', outcome: 'PROCEDENTE' },
  '/manifestations/{protocol}/close': { reason: 'RESPONDIDA' },
  '/manifestations/{protocol}/satisfaction': { score: 5, comment: 'ok' },
  '/recommendations': { department: 'regulacao', text: 'Publicar prazos' },
  '/recommendations/{id}/stage': { stage: 'EM_IMPLEMENTACAO' },
  '/data-subjects/erasure': { document: '52998224725' },
  '/manifestations/{protocol}/access-code': {},
  '/manifestations/{protocol}/clarification-requests': { question: 'Qual o número do pedido?' },
  '/manifestations/{protocol}/clarification-requests/{clarificationId}/reply': { text: 'Pedido 4711' },
  '/public/manifestations/{protocol}/satisfaction': { score: 4 },
  '/public/manifestations/{protocol}/clarification': { text: 'Pedido 4711' },
  // Uploads take multipart bodies; the fuzzer's JSON ones must be refused cleanly.
  '/manifestations/{protocol}/attachments': {},
  '/public/manifestations/{protocol}/attachments': {},
};

interface Operation {
  method: 'GET' | 'POST';
  path: string;
  query: string[];
}

interface Sample {
  operation: Operation;
  pathValues: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function send(url: string, sample: Sample, path: string): Promise<{ status: number; contentType: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: sample.operation.method, path: path + sample.query, headers: sample.headers },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body }));
      },
    );
    req.on('error', reject);
    req.end(sample.body);
  });
}

describe('fuzzing every route', () => {
  let app: TestApp;
  let operations: Operation[];
  const known: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // The requester's routes are rate-limited per address, and the fuzzer is one address.
    app = await startTestApp(undefined, { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_LOCKOUT_FAILURES: '1000' });
    const registered = (await post(app.url, '/manifestations', complaint())).body;
    known.protocol = registered.protocol;
    known.accessCode = registered.accessCode;
    const forwarded = await post(
      app.url,
      `/manifestations/${known.protocol}/forwardings`,
      VALID_BODIES['/manifestations/{protocol}/forwardings'],
    );
    known.forwardingId = forwarded.body.forwardings[0].forwardingId;
    known.id = (await post(app.url, '/recommendations', VALID_BODIES['/recommendations'])).body.recommendationId;
    known.code = 'regulacao';
    const asked = await post(app.url, `/manifestations/${known.protocol}/clarification-requests`, { question: 'Qual o pedido?' });
    known.clarificationId = asked.body.clarifications[0].clarificationId;
    known.document = '52998224725';
    for (const role of ['ouvidoria', 'auditor', 'sac-integration', 'admin'] as const) tokens[role] = (await bearer(role)).authorization;
    tokens.department = (await bearer('department', 'd', 'regulacao')).authorization;
    const doc = (await get(app.url, '/docs-json')).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase() as Operation['method'],
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
  });
  afterAll(() => app.close());

  it('has a valid body for every command route the document lists', () => {
    const commands = operations.filter((o) => o.method === 'POST').map((o) => o.path);
    expect(commands.sort()).toEqual(Object.keys(VALID_BODIES).sort());
  });

  it(`answers ${RUNS} generated requests without a 5xx, refusals as problem+json, appending nothing when refusing`, async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom(
        '',
        ' ',
        '0',
        '-1',
        '1e400',
        'null',
        'true',
        '2026-02-30',
        '2026-04-01',
        '9'.repeat(40),
        'x'.repeat(300),
        '\u0000',
        '%',
        'OPEN',
      ),
    );
    const value: fc.Arbitrary<unknown> = fc.oneof(
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(null, 0, -1, 1.5, 2 ** 53, 1e308, '', ' ', 'x'.repeat(30_000), [], {}, { constructor: 'x' }),
      },
    );
    const pathValue = (name: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(known[name] ?? 'x') },
        { weight: 1, arbitrary: text.map(encodeURIComponent) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '%zz',
            '%E0%A4%A',
            '%00',
            '..%2F..',
            '12345620260401999999',
            '00000000-0000-0000-0000-000000000000',
            'a'.repeat(200),
          ),
        },
      );
    const queryOf = (operation: Operation) =>
      fc
        .array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...operation.query, 'year', 'constructor', '__proto__', 'unknown'), text),
            fc.oneof(text, fc.constantFrom(...['2026', 'OPEN', 'true', '5', '0', '101'])),
          ),
          { maxLength: 4 },
        )
        .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''));
    const bodyOf = (operation: Operation) => {
      const valid = VALID_BODIES[operation.path] ?? {};
      const keys = Object.keys(valid);
      const mutated = fc
        .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), value, fc.boolean(), fc.option(fc.tuple(text, value)))
        .map(([key, replacement, drop, extra]) => {
          const body: Record<string, unknown> = { ...valid };
          if (drop) delete body[key];
          else body[key] = replacement;
          if (extra) body[extra[0]] = extra[1];
          return JSON.stringify(body);
        });
      return fc.oneof(
        { weight: 5, arbitrary: mutated },
        { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
        { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.integer({ min: 60, max: 3000 }).map((d) => `{"a":${'['.repeat(d)}1${']'.repeat(d)}}`) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('{', '{"a":1,}', '[]', '""', 'null', '{"__proto__":{"x":1}}', '{"a":"\\ud800"}', '\u0000'),
        },
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    };
    const header = fc.string({ unit: fc.constantFrom(...' !"#$%&()*+-./0123456789:;<=>?@AZaz[]_{}~é'), maxLength: 40 });
    const headersOf = (hasBody: boolean) =>
      fc
        .record(
          {
            authorization: fc.oneof(
              fc.constantFrom(...Object.values(tokens)),
              fc.constant(tokens.ouvidoria),
              header.map((h) => `Bearer ${h}`),
            ),
            'content-type': fc.constantFrom(
              'application/json',
              'application/json; charset=utf-8',
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=latin1',
              'multipart/form-data; boundary=x',
            ),
            'if-match': fc.oneof(fc.constantFrom('"0"', '"1"', '*', 'W/"0"', '"99999999999999999999"'), header),
            'idempotency-key': header,
            'x-correlation-id': header,
            'x-access-code': fc.oneof(fc.constant(known.accessCode), header),
            accept: fc.constantFrom('application/json', 'text/csv', '*/*'),
          },
          { requiredKeys: ['authorization'] },
        )
        .map((headers) => (hasBody ? headers : { ...headers, 'content-type': undefined }))
        .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<string, string>);

    const sample: fc.Arbitrary<Sample> = fc.integer({ min: 0, max: operations.length - 1 }).chain((i) => {
      const operation = operations[i];
      const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      return fc.record({
        operation: fc.constant(operation),
        pathValues: fc.record(Object.fromEntries(names.map((n) => [n, pathValue(n)]))) as fc.Arbitrary<Record<string, string>>,
        query: queryOf(operation),
        headers: headersOf(operation.method === 'POST'),
        body: operation.method === 'POST' ? bodyOf(operation) : fc.constant(undefined),
      });
    });

    await fc.assert(
      fc.asyncProperty(sample, async (s) => {
        const path = s.operation.path.replace(/\{(\w+)\}/g, (_, name: string) => s.pathValues[name]);
        const before = logHead(app.dataDir);
        const res = await send(app.url, s, path);
        // The one 5xx a request may ask for: a read model that has not reached a minPosition beyond the log.
        if (res.status === 503) expect(JSON.parse(res.body)).toMatchObject({ code: 'READ_MODEL_BEHIND' });
        else expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.contentType).toMatch(/^application\/problem\+json/);
          expect(JSON.parse(res.body)).toMatchObject({ status: res.status, code: expect.any(String), detail: expect.any(String) });
          expect(logHead(app.dataDir)).toBe(before);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

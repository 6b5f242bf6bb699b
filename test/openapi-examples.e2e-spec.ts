import { bearer } from './support/auth';
import { call, get, type HttpResult } from './support/http';
import { OpenApiChecker } from './support/openapi-schema';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What the OpenAPI document served at /docs-json shows is what the API does:
 * - every request example it documents, posted as the document has it (read from /docs-json, not
 *   copied here), succeeds on a case in the state the route needs, as "Try it out" would;
 * - every answer met on the way (successes and problems) has a status the operation documents,
 *   with its content type, and a body that matches the documented schema, strictly (no field the
 *   schema does not name).
 */

type Examples = Record<string, { summary?: string; value: unknown }>;

describe('OpenAPI examples and response schemas', () => {
  let app: TestApp;
  let doc: any;
  let checker: OpenApiChecker;
  const posted = new Set<string>();
  const mismatches: string[] = [];

  beforeAll(async () => {
    // After the SAC example's escalatedAt, which may not be in the future.
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    doc = (await get(app.url, '/docs-json')).body;
    checker = new OpenApiChecker(doc);
  });
  afterAll(() => app.close());

  /** A documented route called for real; its answer is checked against the document. */
  async function send(
    method: string,
    template: string,
    params: Record<string, string> = {},
    options: { json?: unknown; headers?: Record<string, string>; anonymous?: boolean; query?: string } = {},
  ): Promise<HttpResult> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
    const res = await call(app.url, method, path + (options.query ?? ''), options);
    mismatches.push(...checker.responseErrors(method, template, res));
    return res;
  }

  const examplesOf = (method: string, template: string): Examples => {
    const examples = doc.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.examples;
    if (!examples) throw new Error(`${method} ${template} documents no request example`);
    return examples;
  };

  /** Posts the documented example `name` of a route and expects a success. */
  async function example(
    method: string,
    template: string,
    name: string,
    params: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    const found = examplesOf(method, template)[name];
    if (!found) throw new Error(`${method} ${template} documents no example ${name}`);
    const anonymous = template.startsWith('/public/');
    const res = await send(method, template, params, { json: found.value, headers, anonymous });
    expect({ route: `${method} ${template}`, name, status: res.status, body: res.status < 300 ? 'ok' : res.body }).toEqual({
      route: `${method} ${template}`,
      name,
      status: expect.any(Number),
      body: 'ok',
    });
    posted.add(`${method.toUpperCase()} ${template} ${name}`);
    return res;
  }

  it('every documented request example succeeds, and every answer matches its documented schema', async () => {
    const dpo = await bearer('dpo', 'encarregado');
    const sac = await bearer('sac-integration', 'sac-system');
    const department = await bearer('department', 'regulacao-user', 'regulacao');
    const auditor = await bearer('auditor', 'auditora');

    // Registration: each example opens a case.
    const complaint = (await example('POST', '/manifestations', 'complaint')).body;
    expect(complaint).toMatchObject({ status: 'OPEN', accessCode: expect.any(String) });
    const anonymous = (await example('POST', '/manifestations', 'anonymousReport')).body;
    expect(anonymous.requester).toEqual({ kind: 'OUTRO', anonymous: true });
    const toConvert = (await example('POST', '/manifestations', 'coverageReview')).body;
    const toGrant = (await example('POST', '/manifestations', 'coverageReview')).body;
    const A = { protocol: complaint.protocol };

    // The SAC escalation: a SAC system gets its receipt; the same escalation again answers the same case.
    const receipt = await example('POST', '/sac-escalations', 'escalation', {}, sac);
    expect(receipt.status).toBe(201);
    const again = await example('POST', '/sac-escalations', 'escalation');
    expect(again.status).toBe(200);
    expect(again.body.protocol).toBe(receipt.body.protocol);

    // One case's life, each command with its documented example.
    await example('POST', '/manifestations/{protocol}/classification', 'coverage', A);
    const forwarded = (await example('POST', '/manifestations/{protocol}/forwardings', 'review', A)).body;
    const forwardingId = forwarded.forwardings[0].forwardingId;
    expect((await send('GET', '/manifestations/{protocol}', A, { headers: department })).status).toBe(200);
    expect((await send('GET', '/departments/{code}/forwardings', { code: 'regulacao' }, { headers: department })).status).toBe(200);
    await example('POST', '/manifestations/{protocol}/forwardings/{forwardingId}/reply', 'reply', { ...A, forwardingId }, department);
    await example('POST', '/manifestations/{protocol}/extension', 'extension', A);
    await example('POST', '/manifestations/{protocol}/clarification-requests', 'question', A);
    const code = { 'x-access-code': complaint.accessCode };
    expect((await send('GET', '/public/manifestations/{protocol}', A, { headers: code, anonymous: true })).body.status).toBe(
      'AWAITING_YOUR_REPLY',
    );
    await example('POST', '/public/manifestations/{protocol}/clarification', 'reply', A, code);
    const asked = (await example('POST', '/manifestations/{protocol}/clarification-requests', 'question', A)).body;
    const clarificationId = asked.clarifications[1].clarificationId;
    await example('POST', '/manifestations/{protocol}/clarification-requests/{clarificationId}/reply', 'byPhone', {
      ...A,
      clarificationId,
    });
    await example('POST', '/manifestations/{protocol}/answer', 'upheld', A);
    await example('POST', '/manifestations/{protocol}/close', 'answered', A);
    await example('POST', '/manifestations/{protocol}/satisfaction', 'satisfied', A);

    // A coverage review turned into a complaint; another granted, then rated by its requester.
    await example('POST', '/manifestations/{protocol}/conversion', 'complaint', { protocol: toConvert.protocol });
    await example('POST', '/manifestations/{protocol}/answer', 'coverageGranted', { protocol: toGrant.protocol });
    await example(
      'POST',
      '/public/manifestations/{protocol}/satisfaction',
      'satisfied',
      { protocol: toGrant.protocol },
      {
        'x-access-code': toGrant.accessCode,
      },
    );

    // A file joined to the case, and read back.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('Pedido médico 4711')], { type: 'text/plain' }), 'pedido.txt');
    const uploaded = await fetch(`${app.url}/manifestations/${anonymous.protocol}/attachments`, {
      method: 'POST',
      body: form,
      headers: await bearer('ouvidoria', 'analista'),
    });
    const attachment: HttpResult = { status: uploaded.status, headers: uploaded.headers, body: await uploaded.json() };
    mismatches.push(...checker.responseErrors('POST', '/manifestations/{protocol}/attachments', attachment));
    expect(attachment.status).toBe(201);
    const file = await send('GET', '/manifestations/{protocol}/attachments/{attachmentId}', {
      protocol: anonymous.protocol,
      attachmentId: attachment.body.attachmentId,
    });
    expect(file.status).toBe(200);

    // Recommendations.
    const made = (await example('POST', '/recommendations', 'criteria')).body;
    await example('POST', '/recommendations/{id}/stage', 'started', { id: made.recommendationId });

    // What the reads answer, every one checked against its schema.
    const reissued = await send('POST', '/manifestations/{protocol}/access-code', { protocol: anonymous.protocol });
    expect(reissued.body.accessCode).toEqual(expect.any(String));
    const position = (await send('GET', '/manifestations/{protocol}', A)).headers.get('x-event-position');
    const reads: Array<[string, Record<string, string>, Record<string, string>?, string?]> = [
      ['/manifestations/{protocol}', A],
      ['/manifestations/{protocol}/history', A],
      ['/manifestations/{protocol}/verify', A],
      ['/manifestations/{protocol}/notifications', A],
      ['/manifestations', {}, undefined, `?minPosition=${position}`],
      ['/stats', {}, undefined, `?minPosition=${position}`],
      ['/departments/{code}/forwardings', { code: 'regulacao' }, undefined, `?minPosition=${position}`],
      ['/reports/rea', {}, undefined, `?year=2026&minPosition=${position}`],
      ['/recommendations', {}, undefined, `?year=2026&minPosition=${position}`],
      ['/recommendations/{id}', { id: made.recommendationId }],
      ['/audit/head', {}, auditor],
      ['/data-subjects/{document}/export', { document: '52998224725' }, dpo],
    ];
    for (const [template, params, headers, query] of reads) {
      const res = await send('GET', template, params, { headers, query });
      expect({ template, status: res.status }).toEqual({ template, status: 200 });
    }
    const csv = await send('GET', '/reports/rea', {}, { headers: { accept: 'text/csv' }, query: '?year=2026' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    // Problems: each a documented status with the ProblemDetails schema.
    expect((await send('POST', '/manifestations', {}, { json: { type: 'RECLAMACAO' } })).status).toBe(400);
    expect((await send('GET', '/manifestations/{protocol}', { protocol: '12345620260401999999' })).status).toBe(404);
    expect((await send('POST', '/manifestations/{protocol}/close', A, { json: { reason: 'RESPONDIDA' } })).status).toBe(409);
    expect((await send('GET', '/stats', {}, { anonymous: true })).status).toBe(401);
    expect((await send('GET', '/audit/head', {})).status).toBe(403);
    expect(
      (await send('GET', '/public/manifestations/{protocol}', A, { anonymous: true, headers: { 'x-access-code': 'WRONG' } })).status,
    ).toBe(404);

    // Last, as it erases: the example names the registration example's CPF, whose case is under retention.
    expect((await example('POST', '/data-subjects/erasure', 'byDocument', {}, dpo)).status).toBe(202);

    expect(mismatches).toEqual([]);
    const documented = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([template, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.keys(operation.requestBody?.content?.['application/json']?.examples ?? {}).map(
          (name) => `${method.toUpperCase()} ${template} ${name}`,
        ),
      ),
    );
    expect([...posted].sort()).toEqual(documented.sort());
  });

  it('documents an example for every JSON request body', () => {
    const without = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(
          ([, operation]) =>
            operation.requestBody?.content?.['application/json'] && !operation.requestBody.content['application/json'].examples,
        )
        .map(([method]) => `${method.toUpperCase()} ${template}`),
    );
    expect(without).toEqual([]);
  });
});

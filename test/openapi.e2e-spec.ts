import { get } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/** The OpenAPI document served at /docs-json documents every route and its bodies; /docs serves the UI. */

const CASE_COMMANDS = [
  'classification',
  'conversion',
  'forwardings',
  'forwardings/{forwardingId}/reply',
  'extension',
  'answer',
  'close',
  'satisfaction',
  'access-code',
  'clarification-requests',
  'clarification-requests/{clarificationId}/reply',
];

const BODY_OF: Record<string, string> = {
  '/manifestations': 'RegisterManifestationBody',
  '/sac-escalations': 'EscalateFromSacBody',
  '/manifestations/{protocol}/classification': 'ClassifyManifestationBody',
  '/manifestations/{protocol}/conversion': 'ConvertReanaliseBody',
  '/manifestations/{protocol}/forwardings': 'ForwardToManagementBody',
  '/manifestations/{protocol}/forwardings/{forwardingId}/reply': 'ReplyFromManagementBody',
  '/manifestations/{protocol}/extension': 'ExtendDeadlineBody',
  '/manifestations/{protocol}/answer': 'AnswerManifestationBody',
  '/manifestations/{protocol}/close': 'CloseManifestationBody',
  '/manifestations/{protocol}/satisfaction': 'RecordSatisfactionBody',
  '/recommendations': 'MakeRecommendationBody',
  '/recommendations/{id}/stage': 'ChangeRecommendationStageBody',
  '/data-subjects/erasure': 'RequestErasureBody',
  '/manifestations/{protocol}/clarification-requests': 'RequestClarificationBody',
  '/manifestations/{protocol}/clarification-requests/{clarificationId}/reply': 'RecordClarificationReplyBody',
  '/public/manifestations/{protocol}/satisfaction': 'RecordSatisfactionBody',
  '/public/manifestations/{protocol}/clarification': 'RecordClarificationReplyBody',
};

describe('OpenAPI', () => {
  let app: TestApp;
  let doc: any;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    const res = await get(app.url, '/docs-json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(() => app.close());

  const schema = (name: string) => doc.components.schemas[name];
  const bodyRef = (path: string) => doc.paths[path].post.requestBody?.content?.['application/json']?.schema?.$ref;

  it('is an OpenAPI 3 document with a title and version', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: '0.1.0' });
  });

  it('documents every route with its method', () => {
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'POST /manifestations',
        'POST /sac-escalations',
        'GET /manifestations/{protocol}',
        'GET /manifestations/{protocol}/history',
        'GET /manifestations',
        'GET /stats',
        'GET /manifestations/{protocol}/verify',
        'GET /departments/{code}/forwardings',
        'GET /reports/rea',
        'POST /recommendations',
        'POST /recommendations/{id}/stage',
        'GET /recommendations',
        'GET /recommendations/{id}',
        'GET /audit/head',
        'POST /data-subjects/erasure',
        'GET /data-subjects/{document}/export',
        'GET /public/manifestations/{protocol}',
        'GET /manifestations/{protocol}/notifications',
        'POST /manifestations/{protocol}/attachments',
        'GET /manifestations/{protocol}/attachments/{attachmentId}',
        'POST /public/manifestations/{protocol}/attachments',
        'POST /public/manifestations/{protocol}/satisfaction',
        'POST /public/manifestations/{protocol}/clarification',
        ...CASE_COMMANDS.map((c) => `POST /manifestations/{protocol}/${c}`),
      ].sort(),
    );
  });

  it.each(Object.entries(BODY_OF))('POST %s takes a JSON %s', (path, name) => {
    expect(doc.paths[path].post.requestBody.required).toBe(true);
    expect(bodyRef(path)).toBe(`#/components/schemas/${name}`);
    expect(schema(name)).toMatchObject({ type: 'object', properties: expect.any(Object) });
  });

  it('lists the properties of RegisterManifestationBody, the required ones as required', () => {
    const body = schema('RegisterManifestationBody');
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining([
        'type',
        'channel',
        'requester',
        'subject',
        'description',
        'receivedAt',
        'contractType',
        'theme',
        'sacProtocol',
        'deniedRequestProtocol',
      ]),
    );
    expect([...body.required].sort()).toEqual(['channel', 'description', 'requester', 'subject', 'type']);
    expect(body.properties.type.enum).toEqual(['RECLAMACAO', 'DENUNCIA', 'SUGESTAO', 'ELOGIO', 'CONSULTA', 'REANALISE']);
    expect(body.properties.channel.enum).toContain('TELEFONE');
    expect(body.properties.subject).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
    expect(body.properties.description).toMatchObject({ type: 'string', minLength: 1, maxLength: 20000 });
    expect(body.properties.requester.$ref).toBe('#/components/schemas/RequesterBody');
    expect(Object.keys(schema('RequesterBody').properties)).toEqual(
      expect.arrayContaining(['kind', 'anonymous', 'name', 'document', 'email', 'phone', 'beneficiaryCard']),
    );
  });

  it('documents the SAC escalation body: its own fields required, channel optional, no receivedAt', () => {
    const body = schema('EscalateFromSacBody');
    expect(body.required).toEqual(
      expect.arrayContaining(['escalationId', 'sacProtocol', 'escalatedAt', 'reason', 'type', 'requester', 'subject', 'description']),
    );
    expect(body.required).not.toContain('channel');
    expect(body.properties.channel).toBeDefined();
    expect(body.properties.receivedAt).toBeUndefined();
  });

  it('documents the command bodies with their enums and ranges', () => {
    expect(schema('ClassifyManifestationBody').properties.theme.enum).toHaveLength(5);
    expect(schema('AnswerManifestationBody').properties.outcome.enum).toEqual(
      expect.arrayContaining(['PROCEDENTE', 'DEFERIDA', 'INDEFERIDA']),
    );
    expect(schema('CloseManifestationBody').properties.reason.enum).toEqual(['RESPONDIDA', 'DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE']);
    expect(schema('RecordSatisfactionBody').properties.score).toMatchObject({ minimum: 1, maximum: 5 });
    expect(schema('ForwardToManagementBody').properties.dueInBusinessDays).toMatchObject({ minimum: 1, maximum: 30 });
    expect(Object.keys(schema('ExtendDeadlineBody').properties).sort()).toEqual(['agreedWithRequester', 'businessDays', 'justification']);
    expect(schema('ConvertReanaliseBody').properties.toType.enum).toEqual(['RECLAMACAO', 'CONSULTA', 'SUGESTAO', 'ELOGIO']);
    expect(Object.keys(schema('MakeRecommendationBody').properties).sort()).toEqual(['department', 'text']);
    expect(schema('ChangeRecommendationStageBody').properties.stage.enum).toEqual([
      'PROPOSTA',
      'EM_IMPLEMENTACAO',
      'IMPLEMENTADA',
      'NAO_IMPLEMENTADA',
    ]);
    expect(schema('ChangeRecommendationStageBody').properties.note).toMatchObject({ type: 'string', maxLength: 2000 });
  });

  it('documents the string patterns so that a client can use them: valid values match', () => {
    const samples: Array<[string, string, string]> = [
      ['ForwardToManagementBody', 'department', 'regulacao'],
      ['EscalateFromSacBody', 'escalationId', 'sac-esc-0001'],
      ['RequesterBody', 'phone', '+55 83 99999-0000'],
    ];
    for (const [name, property, valid] of samples) {
      const pattern: string = schema(name).properties[property].pattern;
      expect(typeof pattern).toBe('string');
      expect({ property, pattern, matches: new RegExp(pattern).test(valid) }).toEqual({ property, pattern, matches: true });
    }
  });

  it.each(CASE_COMMANDS)('POST /manifestations/{protocol}/%s documents If-Match, 200, 404, 409 and 412', (command) => {
    const operation = doc.paths[`/manifestations/{protocol}/${command}`].post;
    expect(operation.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'protocol', in: 'path', required: true }),
        expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
      ]),
    );
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '412']));
  });

  it.each(['get /public/manifestations/{protocol}', 'post /public/manifestations/{protocol}/satisfaction'])(
    '%s documents the access-code header, 404 and 429, and no token',
    (route) => {
      const [method, path] = route.split(' ');
      const operation = doc.paths[path][method];
      expect(operation.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'X-Access-Code', in: 'header', required: true })]),
      );
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '404', '429']));
      // Open to anyone: no bearer token (the access code is a header parameter).
      expect(operation.security).toEqual([]);
    },
  );

  it.each(['/manifestations/{protocol}/attachments', '/public/manifestations/{protocol}/attachments'])(
    'POST %s takes one file in the multipart field "file"',
    (path) => {
      const body = doc.paths[path].post.requestBody;
      expect(body.required).toBe(true);
      expect(body.content['multipart/form-data'].schema).toEqual({
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' } },
      });
    },
  );

  it('documents the registration responses and the Idempotency-Key header', () => {
    const operation = doc.paths['/manifestations'].post;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['201', '400', '422']));
    expect(operation.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    expect(Object.keys(doc.paths['/sac-escalations'].post.responses)).toEqual(expect.arrayContaining(['200', '201', '422']));
  });

  it('documents the work-queue queries: their query parameters and the 503 of minPosition', () => {
    const list = doc.paths['/manifestations'].get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`).sort()).toEqual(
      [
        'status',
        'type',
        'theme',
        'department',
        'sacProtocol',
        'overdue',
        'dueWithinBusinessDays',
        'receivedFrom',
        'receivedTo',
        'limit',
        'cursor',
        'minPosition',
      ]
        .map((name) => `query ${name}`)
        .sort(),
    );
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '503']));
    const stats = doc.paths['/stats'].get;
    expect(stats.parameters.map((p: { name: string }) => p.name)).toEqual(['minPosition']);
    expect(Object.keys(stats.responses)).toEqual(expect.arrayContaining(['200']));
  });

  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, path, operation })),
    );

  it('names a server, the proprietary licence, and describes every tag it uses', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.info.license).toEqual({ name: expect.stringMatching(/^Proprietary/) });
    const described = new Set(doc.tags.filter((t: { description?: string }) => t.description).map((t: { name: string }) => t.name));
    const used = new Set(operations().flatMap(({ operation }) => operation.tags ?? []));
    expect([...used].filter((tag) => !described.has(tag))).toEqual([]);
  });

  it('marks the open routes (@OpenAccess) with security: [] and every other with the bearer token', () => {
    const open = operations()
      .filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0)
      .map(({ route }) => route);
    expect(open).toEqual(expect.arrayContaining(['GET /health', 'GET /public/manifestations/{protocol}']));
    for (const { route, path, operation } of operations()) {
      const isOpen = path === '/health' || path.startsWith('/health/') || path.startsWith('/public/');
      expect({ route, security: operation.security }).toEqual({ route, security: isOpen ? [] : [{ bearer: [] }] });
    }
  });

  it('gives every error response the ProblemDetails schema as application/problem+json, and every operation a 4xx', () => {
    for (const { route, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      expect({ route, has4xx: statuses.some((s) => s.startsWith('4')) }).toEqual({ route, has4xx: true });
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        expect({ route, status, content: operation.responses[status].content }).toEqual({
          route,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        });
      }
    }
    expect(schema('ProblemDetails')).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']),
      properties: expect.objectContaining({ instance: expect.any(Object), errors: expect.objectContaining({ type: 'array' }) }),
    });
    expect(Object.keys(schema('ProblemFieldError').properties).sort()).toEqual(['field', 'message', 'rule']);
  });

  it('documents the schema of every success body but /health (whose body its description gives)', () => {
    const without = operations()
      .filter(({ path }) => path !== '/health' && !path.startsWith('/health/'))
      .flatMap(({ route, operation }) =>
        Object.entries(operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>)
          .filter(([status, response]) => status.startsWith('2') && !Object.values(response.content ?? {}).some((media) => media.schema))
          .map(([status]) => `${route} ${status}`),
      );
    expect(without).toEqual([]);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await get(app.url, '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(String(res.body)).toMatch(/swagger/i);
  });

  it('answers /health', async () => {
    const res = await get(app.url, '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      eventStore: 'up',
      // A new log holds its stored-format record, sealed at start.
      projections: expect.objectContaining({ 'work-queue': { version: 1, position: 2, lagEvents: 0, lagSeconds: 0 } }),
      audit: { lastSeal: { events: 1, position: 1, sealedAt: expect.any(String) } },
    });
  });
});

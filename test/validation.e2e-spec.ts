import { complaint, escalation } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { expectProblem } from './support/problem';

/**
 * 400s (and the 413 / 415 around them): every invalid request is refused as problem+json naming
 * the offending field(s), and a refused request changes nothing.
 */

const START = '2026-04-01T10:00:00-03:00'; // a Wednesday

const person = { kind: 'BENEFICIARIO', name: 'Maria da Silva', email: 'maria@example.com' };
const validExtension = { justification: 'Aguardando laudo do prestador credenciado', businessDays: 15, agreedWithRequester: true };
const MIB = 1024 * 1024;

/** 400 VALIDATION_FAILED naming exactly these fields, each entry with a rule and a message. */
function expectFieldErrors(res: HttpResult, fields: string[]): void {
  expectProblem(res, 400, 'VALIDATION_FAILED');
  expect(Array.isArray(res.body.errors)).toBe(true);
  for (const error of res.body.errors) {
    expect(error).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
  }
  const named = [...new Set<string>(res.body.errors.map((e: { field: string }) => e.field))].sort();
  expect(named).toEqual([...fields].sort());
}

const sequenceOf = (protocol: string) => Number(protocol.slice(-6));

describe('validation over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(START);
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(START));

  /** What a refused request must leave untouched: the case, its ETag and its history. */
  async function snapshot(path: string) {
    const [current, history] = await Promise.all([get(app.url, path), get(app.url, `${path}/history`)]);
    expect(current.status).toBe(200);
    return { etag: current.headers.get('etag'), events: history.body.events.length, body: current.body };
  }

  async function register(body: unknown = complaint()): Promise<string> {
    const res = await post(app.url, '/manifestations', body);
    expect(res.status).toBe(201);
    return res.body.protocol;
  }

  describe('POST /manifestations', () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['an email that is not an email', complaint({ requester: { ...person, email: 'maria-at-example' } }), ['requester.email']],
      ['a CPF with wrong check digits', complaint({ requester: { ...person, document: '529.982.247-24' } }), ['requester.document']],
      ['a CPF of one repeated digit', complaint({ requester: { ...person, document: '111.111.111-11' } }), ['requester.document']],
      ['a CNPJ with wrong check digits', complaint({ requester: { ...person, document: '11.222.333/0001-82' } }), ['requester.document']],
      ['a document too short for a CPF', complaint({ requester: { ...person, document: '1234567' } }), ['requester.document']],
      ['a document of 11 letters', complaint({ requester: { ...person, document: 'abcdefghijk' } }), ['requester.document']],
      ['neither email nor phone', complaint({ requester: { kind: 'BENEFICIARIO', name: 'Maria' } }), ['requester.email']],
      ['no name', complaint({ requester: { kind: 'BENEFICIARIO', email: 'maria@example.com' } }), ['requester.name']],
      ['a blank name', complaint({ requester: { ...person, name: '   ' } }), ['requester.name']],
      ['a name of 201 characters', complaint({ requester: { ...person, name: 'M'.repeat(201) } }), ['requester.name']],
      ['a phone that is not a phone', complaint({ requester: { ...person, phone: 'ligue amanhã' } }), ['requester.phone']],
      ['an unknown requester kind', complaint({ requester: { ...person, kind: 'PACIENTE' } }), ['requester.kind']],
      ['no requester kind', complaint({ requester: { name: 'Maria', email: 'maria@example.com' } }), ['requester.kind']],
      ['no requester', complaint({ requester: undefined }), ['requester']],
      ['a requester that is a string', complaint({ requester: 'Maria' }), ['requester']],
      ['a REANALISE without deniedRequestProtocol', complaint({ type: 'REANALISE' }), ['deniedRequestProtocol']],
      ['receivedAt without an offset', complaint({ receivedAt: '2026-04-01T08:00:00' }), ['receivedAt']],
      ['receivedAt as a bare date', complaint({ receivedAt: '2026-04-01' }), ['receivedAt']],
      ['receivedAt that is not a date', complaint({ receivedAt: 'ontem' }), ['receivedAt']],
      ['receivedAt at hour 25', complaint({ receivedAt: '2026-04-01T25:00:00-03:00' }), ['receivedAt']],
      ['receivedAt on a day that does not exist (Feb 30)', complaint({ receivedAt: '2026-02-30T10:00:00-03:00' }), ['receivedAt']],
      ['receivedAt with an impossible offset', complaint({ receivedAt: '2026-04-01T09:00:00+99:99' }), ['receivedAt']],
      ['receivedAt with offset minutes 60', complaint({ receivedAt: '2026-04-01T09:00:00-03:60' }), ['receivedAt']],
      ['receivedAt before 2000', complaint({ receivedAt: '1999-12-31T20:00:00-03:00' }), ['receivedAt']],
      ['receivedAt tomorrow', complaint({ receivedAt: '2026-04-02T10:00:00-03:00' }), ['receivedAt']],
      ['receivedAt 5 minutes ahead (beyond clock skew)', complaint({ receivedAt: '2026-04-01T10:05:00-03:00' }), ['receivedAt']],
      ['a subject of 201 characters', complaint({ subject: 's'.repeat(201) }), ['subject']],
      ['an empty subject', complaint({ subject: '' }), ['subject']],
      ['a blank subject', complaint({ subject: '  \t ' }), ['subject']],
      ['no subject', complaint({ subject: undefined }), ['subject']],
      ['an empty description', complaint({ description: '' }), ['description']],
      ['a blank description', complaint({ description: ' \n\t ' }), ['description']],
      ['a description of 20001 characters', complaint({ description: 'd'.repeat(20001) }), ['description']],
      ['a description that is a number', complaint({ description: 42 }), ['description']],
      ['an unknown type', complaint({ type: 'QUEIXA' }), ['type']],
      ['a type in lower case', complaint({ type: 'reclamacao' }), ['type']],
      ['no type', complaint({ type: undefined }), ['type']],
      ['an unknown channel', complaint({ channel: 'FAX' }), ['channel']],
      ['no channel', complaint({ channel: undefined }), ['channel']],
      ['an unknown contractType', complaint({ contractType: 'PUBLICO' }), ['contractType']],
      ['an unknown theme', complaint({ theme: 'OUTROS' }), ['theme']],
      ['a sacProtocol of 51 characters', complaint({ sacProtocol: 'S'.repeat(51) }), ['sacProtocol']],
      ['an unknown extra field', complaint({ priority: 'ALTA' }), ['priority']],
      ['an unknown extra field inside requester', complaint({ requester: { ...person, cpf: '52998224725' } }), ['requester.cpf']],
      ['anonymous on a RECLAMACAO', complaint({ requester: { kind: 'BENEFICIARIO', anonymous: true } }), ['requester.anonymous']],
      ['anonymous on a SUGESTAO', complaint({ type: 'SUGESTAO', requester: { kind: 'OUTRO', anonymous: true } }), ['requester.anonymous']],
      [
        'an anonymous DENUNCIA with a name',
        complaint({ type: 'DENUNCIA', requester: { kind: 'OUTRO', anonymous: true, name: 'Maria' } }),
        ['requester.name'],
      ],
      [
        'an anonymous DENUNCIA with a beneficiary card',
        complaint({ type: 'DENUNCIA', requester: { kind: 'BENEFICIARIO', anonymous: true, beneficiaryCard: '0001234' } }),
        ['requester.beneficiaryCard'],
      ],
      [
        'an anonymous DENUNCIA with email, phone and document',
        complaint({
          type: 'DENUNCIA',
          requester: { kind: 'OUTRO', anonymous: true, email: 'x@example.com', phone: '83 99999-0000', document: '529.982.247-25' },
        }),
        ['requester.document', 'requester.email', 'requester.phone'],
      ],
      ['anonymous that is not a boolean', complaint({ requester: { ...person, anonymous: 'sim' } }), ['requester.anonymous']],
    ];

    it.each(cases)('refuses %s with 400 naming the field', async (_label, body, fields) => {
      const res = await post(app.url, '/manifestations', body);
      expectFieldErrors(res, fields);
      expect(res.headers.get('location')).toBeNull();
    });

    it('reports every broken field at once, not only the first', async () => {
      const res = await post(app.url, '/manifestations', complaint({ type: 'QUEIXA', channel: 'FAX', subject: '' }));
      expectFieldErrors(res, ['channel', 'subject', 'type']);
    });

    it('never answers 500 to a null document: it is refused or ignored', async () => {
      const res = await post(app.url, '/manifestations', complaint({ requester: { ...person, document: null } }));
      // Either is defensible; a 500 is not.
      if (res.status !== 201) expectFieldErrors(res, ['requester.document']);
    });

    it('spends no protocol number on a refused registration', async () => {
      const first = await register();
      const refusals = [
        await post(app.url, '/manifestations', complaint({ type: 'REANALISE' })), // refused by the domain
        await post(app.url, '/manifestations', complaint({ subject: '' })), // refused by validation
        await post(app.url, '/manifestations', complaint({ receivedAt: '2026-04-03T10:00:00-03:00' })),
        await post(app.url, '/manifestations', complaint(), { 'x-correlation-id': 'a'.repeat(201) }),
        await call(app.url, 'POST', '/manifestations', { raw: '{"type":', headers: { 'content-type': 'application/json' } }),
      ];
      expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
      const next = await register();
      expect(sequenceOf(next)).toBe(sequenceOf(first) + 1);
    });
  });

  describe('POST /sac-escalations', () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['no escalationId', escalation({ escalationId: undefined }), ['escalationId']],
      ['an escalationId with spaces', escalation({ escalationId: 'sac esc 1' }), ['escalationId']],
      ['an escalationId of 101 characters', escalation({ escalationId: 'e'.repeat(101) }), ['escalationId']],
      ['no sacProtocol', escalation({ escalationId: 'v-no-sac', sacProtocol: undefined }), ['sacProtocol']],
      ['a blank reason', escalation({ escalationId: 'v-blank-reason', reason: '   ' }), ['reason']],
      ['no escalatedAt', escalation({ escalationId: 'v-no-at', escalatedAt: undefined }), ['escalatedAt']],
      ['escalatedAt without an offset', escalation({ escalationId: 'v-no-offset', escalatedAt: '2026-04-01T09:30:00' }), ['escalatedAt']],
      ['escalatedAt in the future', escalation({ escalationId: 'v-future', escalatedAt: '2026-04-02T09:30:00-03:00' }), ['escalatedAt']],
      [
        'escalatedAt with an impossible offset',
        escalation({ escalationId: 'v-bad-offset', escalatedAt: '2026-04-01T09:00:00-03:60' }),
        ['escalatedAt'],
      ],
      ['a receivedAt (the escalation time is the receipt)', escalation({ escalationId: 'v-received', receivedAt: START }), ['receivedAt']],
      ['an unknown channel', escalation({ escalationId: 'v-channel', channel: 'FAX' }), ['channel']],
      ['an unknown type', escalation({ escalationId: 'v-type', type: 'QUEIXA' }), ['type']],
      [
        'an anonymous RECLAMACAO',
        escalation({ escalationId: 'v-anon', requester: { kind: 'BENEFICIARIO', anonymous: true } }),
        ['requester.anonymous'],
      ],
      [
        'a REANALISE without deniedRequestProtocol',
        escalation({ escalationId: 'v-reanalise', type: 'REANALISE' }),
        ['deniedRequestProtocol'],
      ],
    ];

    it.each(cases)('refuses %s with 400 naming the field', async (_label, body, fields) => {
      expectFieldErrors(await post(app.url, '/sac-escalations', body), fields);
    });

    it('does not burn an escalationId on a refused escalation', async () => {
      const refused = await post(
        app.url,
        '/sac-escalations',
        escalation({ escalationId: 'v-retry', escalatedAt: '2026-04-05T09:00:00-03:00' }),
      );
      expectFieldErrors(refused, ['escalatedAt']);
      const accepted = await post(app.url, '/sac-escalations', escalation({ escalationId: 'v-retry' }));
      expect(accepted.status).toBe(201);
    });
  });

  describe('commands on an existing case', () => {
    let path: string;
    let forwardingId: string;
    beforeAll(async () => {
      app.clock.set(START);
      path = `/manifestations/${await register()}`;
      const forwarded = await post(app.url, `${path}/forwardings`, { department: 'juridico', instructions: 'Parecer jurídico' });
      expect(forwarded.status).toBe(200);
      forwardingId = forwarded.body.forwardings[0].forwardingId;
    });

    const forwarding = (overrides: Record<string, unknown>) => ({
      department: 'regulacao',
      instructions: 'Rever a negativa',
      ...overrides,
    });
    const cases: Array<[string, string, Record<string, unknown>, string[]]> = [
      ['classification with an unknown theme', 'classification', { theme: 'OUTROS' }, ['theme']],
      ['classification without a theme', 'classification', {}, ['theme']],
      ['classification with an extra field', 'classification', { theme: 'FINANCEIRO', note: 'x' }, ['note']],
      ['forwarding to department "Bad Dept"', 'forwardings', forwarding({ department: 'Bad Dept' }), ['department']],
      ['forwarding to a one-character department', 'forwardings', forwarding({ department: 'a' }), ['department']],
      ['forwarding to a department starting with -', 'forwardings', forwarding({ department: '-regulacao' }), ['department']],
      ['forwarding to a department of 51 characters', 'forwardings', forwarding({ department: 'd'.repeat(51) }), ['department']],
      ['forwarding due in 0 business days', 'forwardings', forwarding({ dueInBusinessDays: 0 }), ['dueInBusinessDays']],
      ['forwarding due in 31 business days', 'forwardings', forwarding({ dueInBusinessDays: 31 }), ['dueInBusinessDays']],
      ['forwarding due in 1.5 business days', 'forwardings', forwarding({ dueInBusinessDays: 1.5 }), ['dueInBusinessDays']],
      ['forwarding due in "3" (a string)', 'forwardings', forwarding({ dueInBusinessDays: '3' }), ['dueInBusinessDays']],
      ['forwarding with blank instructions', 'forwardings', forwarding({ instructions: '  ' }), ['instructions']],
      ['forwarding without instructions', 'forwardings', { department: 'regulacao' }, ['instructions']],
      ['reply with an empty text', 'forwardings/:fw/reply', { text: '' }, ['text']],
      ['reply with a blank text', 'forwardings/:fw/reply', { text: ' \n ' }, ['text']],
      ['extension of 7 business days', 'extension', { ...validExtension, businessDays: 7 }, ['businessDays']],
      ['extension of 31 business days', 'extension', { ...validExtension, businessDays: 31 }, ['businessDays']],
      ['extension of 15.5 business days', 'extension', { ...validExtension, businessDays: 15.5 }, ['businessDays']],
      ['extension of "15" (a string)', 'extension', { ...validExtension, businessDays: '15' }, ['businessDays']],
      ['extension with a 19-character justification', 'extension', { ...validExtension, justification: 'j'.repeat(19) }, ['justification']],
      ['extension with a justification of 25 spaces', 'extension', { ...validExtension, justification: ' '.repeat(25) }, ['justification']],
      ['extension not agreed with the requester', 'extension', { ...validExtension, agreedWithRequester: false }, ['agreedWithRequester']],
      ['extension agreed as "true" (a string)', 'extension', { ...validExtension, agreedWithRequester: 'true' }, ['agreedWithRequester']],
      [
        'extension without agreedWithRequester',
        'extension',
        { ...validExtension, agreedWithRequester: undefined },
        ['agreedWithRequester'],
      ],
      [
        'extension breaking three rules',
        'extension',
        { justification: 'curta', businessDays: 31, agreedWithRequester: false },
        ['agreedWithRequester', 'businessDays', 'justification'],
      ],
      ['answer with an unknown outcome', 'answer', { text: 'Resposta', outcome: 'ACEITA' }, ['outcome']],
      ['answer without an outcome', 'answer', { text: 'Resposta' }, ['outcome']],
      ['answer with an empty text', 'answer', { text: '', outcome: 'PROCEDENTE' }, ['text']],
      ['answer with a blank lateReason', 'answer', { text: 'Resposta', outcome: 'PROCEDENTE', lateReason: '  ' }, ['lateReason']],
      ['close with an unknown reason', 'close', { reason: 'RESOLVIDA' }, ['reason']],
      ['close with an empty note', 'close', { reason: 'DUPLICADA', note: '' }, ['note']],
      ['satisfaction score 0', 'satisfaction', { score: 0 }, ['score']],
      ['satisfaction score 6', 'satisfaction', { score: 6 }, ['score']],
      ['satisfaction score 2.5', 'satisfaction', { score: 2.5 }, ['score']],
      ['satisfaction score "5" (a string)', 'satisfaction', { score: '5' }, ['score']],
      ['satisfaction without a score', 'satisfaction', {}, ['score']],
      ['satisfaction with an empty comment', 'satisfaction', { score: 4, comment: '' }, ['comment']],
    ];

    it.each(cases)('refuses %s with 400 naming the field, and changes nothing', async (_label, suffix, body, fields) => {
      const before = await snapshot(path);
      const res = await post(app.url, `${path}/${suffix.replace(':fw', forwardingId)}`, body);
      expectFieldErrors(res, fields);
      expect(res.headers.get('etag')).toBeNull();
      expect(await snapshot(path)).toEqual(before);
    });

    it.each(['abc', '0', '"x"', '"-1"', '""'])('refuses If-Match %s with 400 INVALID_HEADER, and changes nothing', async (ifMatch) => {
      const before = await snapshot(path);
      const res = await post(app.url, `${path}/classification`, { theme: 'FINANCEIRO' }, { 'if-match': ifMatch });
      expectProblem(res, 400, 'INVALID_HEADER');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      expect(await snapshot(path)).toEqual(before);
    });

    it('refuses malformed JSON, a non-object body, text/plain and a 1.1 MiB body on a command, and changes nothing', async () => {
      const before = await snapshot(path);
      const json = { 'content-type': 'application/json' };
      expectProblem(
        await call(app.url, 'POST', `${path}/classification`, { raw: '{"theme": FINANCEIRO}', headers: json }),
        400,
        'MALFORMED_JSON',
      );
      expectProblem(await call(app.url, 'POST', `${path}/classification`, { raw: '["FINANCEIRO"]', headers: json }), 400, 'BODY_REQUIRED');
      expectProblem(await call(app.url, 'POST', `${path}/close`), 400, 'BODY_REQUIRED');
      expectProblem(
        await call(app.url, 'POST', `${path}/classification`, { raw: '{"theme":"FINANCEIRO"}', headers: { 'content-type': 'text/plain' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectProblem(
        await post(app.url, `${path}/forwardings/${forwardingId}/reply`, { text: 'r'.repeat(Math.ceil(1.1 * MIB)) }),
        413,
        'BODY_TOO_LARGE',
      );
      expect(await snapshot(path)).toEqual(before);
    });
  });

  describe('bodies that are not a JSON object, and headers', () => {
    const json = { 'content-type': 'application/json' };

    it.each([
      ['truncated JSON', '{"type": "RECLAMACAO",'],
      ['single-quoted JSON', "{'type': 'RECLAMACAO'}"],
      ['a trailing comma', '{"type": "RECLAMACAO",}'],
    ])('refuses %s with 400 MALFORMED_JSON', async (_label, raw) => {
      expectProblem(await call(app.url, 'POST', '/manifestations', { raw, headers: json }), 400, 'MALFORMED_JSON');
    });

    it.each([
      ['a JSON array', '[]'],
      ['a JSON array of a valid body', JSON.stringify([complaint()])],
      ['JSON null', 'null'],
      ['a JSON string', '"RECLAMACAO"'],
      ['a JSON number', '42'],
      ['JSON true', 'true'],
    ])('refuses %s with 400 BODY_REQUIRED', async (_label, raw) => {
      expectProblem(await call(app.url, 'POST', '/manifestations', { raw, headers: json }), 400, 'BODY_REQUIRED');
    });

    it('refuses a request without a body with 400 BODY_REQUIRED', async () => {
      expectProblem(await call(app.url, 'POST', '/manifestations'), 400, 'BODY_REQUIRED');
    });

    it('refuses an empty body sent as application/json with 400 BODY_REQUIRED (no body is not malformed JSON)', async () => {
      expectProblem(await call(app.url, 'POST', '/manifestations', { raw: '', headers: json }), 400, 'BODY_REQUIRED');
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
      'refuses a body sent as %s with 415 UNSUPPORTED_MEDIA_TYPE',
      async (contentType) => {
        const res = await call(app.url, 'POST', '/manifestations', {
          raw: JSON.stringify(complaint()),
          headers: { 'content-type': contentType },
        });
        expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      },
    );

    it('refuses a form-encoded command with 415 and changes nothing (only JSON is accepted)', async () => {
      const path = `/manifestations/${await register()}`;
      const before = await snapshot(path);
      const res = await call(app.url, 'POST', `${path}/close`, {
        raw: 'reason=DUPLICADA',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await snapshot(path)).toEqual(before);
    });

    it('refuses a 1.1 MiB body with 413 BODY_TOO_LARGE, and opens no case', async () => {
      const before = await register();
      const res = await post(app.url, '/manifestations', complaint({ description: 'd'.repeat(Math.ceil(1.1 * MIB)) }));
      expectProblem(res, 413, 'BODY_TOO_LARGE');
      expect(sequenceOf(await register())).toBe(sequenceOf(before) + 1);
    });

    it('refuses a 1.1 MiB SAC escalation with 413 BODY_TOO_LARGE', async () => {
      const res = await post(app.url, '/sac-escalations', escalation({ escalationId: 'v-big', reason: 'r'.repeat(Math.ceil(1.1 * MIB)) }));
      expectProblem(res, 413, 'BODY_TOO_LARGE');
    });

    it.each([
      ['X-Correlation-Id', 'c'.repeat(201)],
      ['Idempotency-Key', 'k'.repeat(201)],
      ['Idempotency-Key', 'chave-\u00e7'],
      ['X-Correlation-Id', 'corr\t42'],
    ])('refuses a registration with a bad %s header with 400 INVALID_HEADER', async (name, value) => {
      const res = await post(app.url, '/manifestations', complaint(), { [name]: value });
      expectProblem(res, 400, 'INVALID_HEADER');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: name })]);
    });
  });

  describe('values at the edge of what is allowed are accepted', () => {
    it.each([
      ['a subject of 200 characters', complaint({ subject: 's'.repeat(200) })],
      ['a description of 20000 characters', complaint({ description: 'd'.repeat(20000) })],
      ['no sacProtocol (it never blocks)', complaint({ sacProtocol: undefined })],
      ['a phone and no email', complaint({ requester: { kind: 'BENEFICIARIO', name: 'Maria', phone: '+55 83 99999-0000' } })],
      ['a valid CNPJ', complaint({ requester: { ...person, kind: 'PRESTADOR', document: '11.222.333/0001-81' } })],
      ['a CPF without punctuation', complaint({ requester: { ...person, document: '52998224725' } })],
      ['receivedAt one minute ahead (clock skew)', complaint({ receivedAt: '2026-04-01T10:01:00-03:00' })],
      ['receivedAt in UTC', complaint({ receivedAt: '2026-04-01T12:00:00Z' })],
      ['receivedAt yesterday', complaint({ receivedAt: '2026-03-31T16:00:00-03:00' })],
      ['an anonymous DENUNCIA', complaint({ type: 'DENUNCIA', requester: { kind: 'OUTRO', anonymous: true } })],
      ['a REANALISE with deniedRequestProtocol', complaint({ type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-42' })],
    ])('accepts %s', async (_label, body) => {
      const res = await post(app.url, '/manifestations', body);
      expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.objectContaining({ revision: 0 }) });
    });

    it.each([
      ['classification', { theme: 'ATENDIMENTO_SAC' }],
      ['forwardings', { department: 'ab', instructions: 'x', dueInBusinessDays: 1 }],
      ['forwardings', { department: `a${'-'.repeat(49)}`, instructions: 'x', dueInBusinessDays: 30 }],
      ['extension', { ...validExtension, justification: 'j'.repeat(20), businessDays: 8 }],
      ['extension', { ...validExtension, businessDays: 30 }],
      ['close', { reason: 'DESISTENCIA', note: 'n' }],
    ])('accepts %s with %j', async (suffix, body) => {
      const path = `/manifestations/${await register()}`;
      const res = await post(app.url, `${path}/${suffix}`, body);
      expect({ status: res.status, etag: res.headers.get('etag') }).toEqual({ status: 200, etag: '"1"' });
    });

    it.each([1, 5])('accepts satisfaction score %i', async (score) => {
      const path = `/manifestations/${await register()}`;
      expect((await post(app.url, `${path}/answer`, { text: 'Resposta', outcome: 'INFORMADA' })).status).toBe(200);
      const res = await post(app.url, `${path}/satisfaction`, { score });
      expect(res.status).toBe(200);
      expect(res.body.satisfaction.score).toBe(score);
    });
  });
});

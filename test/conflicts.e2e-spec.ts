import { complaint } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';
import { expectProblem } from './support/problem';

/**
 * 404 / 409 / 412 on real cases, each with its code, and the accepted variants right next to
 * them. A refused command changes nothing: same ETag, same history, same case.
 */

// Registered on Wed 2026-04-01 10:00: the 7-business-day deadline (Good Friday skipped) is
// Mon 2026-04-13 23:59:59.999 -03:00.
const START = '2026-04-01T10:00:00-03:00';
const LAST_MINUTE = '2026-04-13T23:59:00-03:00';
const AFTER_DEADLINE = '2026-04-14T08:00:00-03:00';

const UNKNOWN_PROTOCOL = '12345620260401999999';
const UNKNOWN_UUID = '6f1c0b4e-8a52-4c1e-9d0f-2b7a3c9e1d55';

const theme = { theme: 'FINANCEIRO' };
const forwarding = (department = 'regulacao') => ({ department, instructions: 'Rever a negativa' });
const reply = { text: 'Negativa revertida' };
const extension = { justification: 'Aguardando laudo do prestador credenciado', businessDays: 15, agreedWithRequester: true };
const answer = { text: 'Exame autorizado', outcome: 'PROCEDENTE' };
const duplicate = { reason: 'DUPLICADA', note: 'Mesma queixa do protocolo anterior' };
const answered = { reason: 'RESPONDIDA' };
const satisfaction = { score: 4 };

describe('404, 409 and 412 over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(START);
  });
  afterAll(() => app.close());
  beforeEach(() => app.clock.set(START));

  async function open(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await post(app.url, '/manifestations', complaint(overrides));
    expect(res.status).toBe(201);
    return `/manifestations/${res.body.protocol}`;
  }

  async function ok(path: string, suffix: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult> {
    const res = await post(app.url, `${path}/${suffix}`, body, headers);
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 200, code: undefined });
    expect(res.headers.get('etag')).toBe(`"${res.body.revision}"`);
    return res;
  }

  async function snapshot(path: string) {
    const [current, history] = await Promise.all([get(app.url, path), get(app.url, `${path}/history`)]);
    expect(current.status).toBe(200);
    return { etag: current.headers.get('etag'), events: history.body.events.length, body: current.body };
  }

  /** The command is refused with this status and code, and the case is exactly as before. */
  async function refused(
    path: string,
    suffix: string,
    body: unknown,
    status: number,
    code: string,
    headers?: Record<string, string>,
  ): Promise<HttpResult> {
    const before = await snapshot(path);
    const res = await post(app.url, `${path}/${suffix}`, body, headers);
    expectProblem(res, status, code);
    expect(res.headers.get('etag')).toBeNull();
    expect(await snapshot(path)).toEqual(before);
    return res;
  }

  async function answeredCase(): Promise<string> {
    const path = await open();
    await ok(path, 'answer', answer);
    return path;
  }

  async function closedCase(): Promise<string> {
    const path = await open();
    await ok(path, 'close', duplicate);
    return path;
  }

  describe('404', () => {
    it.each(['', '/history'])('GET /manifestations/{unknown}%s is 404 MANIFESTATION_NOT_FOUND', async (suffix) => {
      expectProblem(await get(app.url, `/manifestations/${UNKNOWN_PROTOCOL}${suffix}`), 404, 'MANIFESTATION_NOT_FOUND');
    });

    it.each([
      ['classification', theme],
      ['forwardings', forwarding()],
      [`forwardings/${UNKNOWN_UUID}/reply`, reply],
      ['extension', extension],
      ['answer', answer],
      ['close', duplicate],
      ['satisfaction', satisfaction],
    ])('POST /manifestations/{unknown}/%s is 404 MANIFESTATION_NOT_FOUND', async (suffix, body) => {
      expectProblem(await post(app.url, `/manifestations/${UNKNOWN_PROTOCOL}/${suffix}`, body), 404, 'MANIFESTATION_NOT_FOUND');
    });

    it.each([
      ['3 digits', '123'],
      ['19 digits', '1234562026040100000'],
      ['21 digits', '123456202604010000011'],
      ['20 characters with a letter', '1234562026040100000a'],
      ['20 letters', 'abcdefghijabcdefghij'],
      ['a signed number', '-1234562026040100001'],
    ])('a protocol of %s is 404 MANIFESTATION_NOT_FOUND on every route', async (_label, protocol) => {
      expectProblem(await get(app.url, `/manifestations/${protocol}`), 404, 'MANIFESTATION_NOT_FOUND');
      expectProblem(await get(app.url, `/manifestations/${protocol}/history`), 404, 'MANIFESTATION_NOT_FOUND');
      expectProblem(await post(app.url, `/manifestations/${protocol}/classification`, theme), 404, 'MANIFESTATION_NOT_FOUND');
      expectProblem(await post(app.url, `/manifestations/${protocol}/answer`, answer), 404, 'MANIFESTATION_NOT_FOUND');
    });

    it('a protocol issued on another day is not found on this one', async () => {
      const path = await open();
      const otherDay = path.replace('20260401', '20260402');
      expectProblem(await get(app.url, otherDay), 404, 'MANIFESTATION_NOT_FOUND');
    });

    it('replying to an unknown forwarding is 404 FORWARDING_NOT_FOUND', async () => {
      const path = await open();
      await ok(path, 'forwardings', forwarding());
      await refused(path, `forwardings/${UNKNOWN_UUID}/reply`, reply, 404, 'FORWARDING_NOT_FOUND');
    });

    it.each(['abc', '123', `${UNKNOWN_UUID}0`, UNKNOWN_UUID.replace(/-/g, '_')])(
      'replying to forwarding id %s (not a uuid) is 404 FORWARDING_NOT_FOUND',
      async (forwardingId) => {
        const path = await open();
        await ok(path, 'forwardings', forwarding());
        await refused(path, `forwardings/${forwardingId}/reply`, reply, 404, 'FORWARDING_NOT_FOUND');
      },
    );

    it("replying on one case to another case's forwarding is 404 FORWARDING_NOT_FOUND", async () => {
      const a = await open();
      const b = await open();
      const { body } = await ok(a, 'forwardings', forwarding());
      await refused(b, `forwardings/${body.forwardings[0].forwardingId}/reply`, reply, 404, 'FORWARDING_NOT_FOUND');
      expect((await get(app.url, a)).body.forwardings[0].status).toBe('PENDING');
    });

    it.each([
      ['GET', '/nope'],
      ['DELETE', '/manifestations'],
      ['POST', '/stats'],
      ['POST', '/manifestations/{p}/reopen'],
      ['POST', '/manifestations/{p}/history'],
      ['DELETE', '/manifestations/{p}'],
      ['PUT', '/manifestations/{p}/classification'],
      ['GET', '/manifestations/{p}/forwardings'],
    ])('%s %s is 404 ROUTE_NOT_FOUND', async (method, route) => {
      const path = await open();
      const res = await call(app.url, method, route.replace('/manifestations/{p}', path), method === 'GET' ? {} : { json: theme });
      expectProblem(res, 404, 'ROUTE_NOT_FOUND');
      expect((await snapshot(path)).etag).toBe('"0"');
    });
  });

  describe('409', () => {
    it('ALREADY_ANSWERED: answering, forwarding, extending or closing as DUPLICADA after the answer', async () => {
      const path = await answeredCase();
      await refused(path, 'answer', { ...answer, outcome: 'IMPROCEDENTE' }, 409, 'ALREADY_ANSWERED');
      await refused(path, 'forwardings', forwarding(), 409, 'ALREADY_ANSWERED');
      await refused(path, 'extension', extension, 409, 'ALREADY_ANSWERED');
      await refused(path, 'close', duplicate, 409, 'ALREADY_ANSWERED');
      await refused(path, 'close', { reason: 'DESISTENCIA' }, 409, 'ALREADY_ANSWERED');
      // Classification is allowed until the case is closed, and RESPONDIDA closes it.
      await ok(path, 'classification', theme);
      const closed = await ok(path, 'close', answered);
      expect(closed.body).toMatchObject({ status: 'CLOSED', closed: { reason: 'RESPONDIDA' } });
    });

    it('CASE_CLOSED: classifying, forwarding, extending or answering a closed case', async () => {
      const path = await closedCase();
      await refused(path, 'classification', theme, 409, 'CASE_CLOSED');
      await refused(path, 'forwardings', forwarding(), 409, 'CASE_CLOSED');
      await refused(path, 'extension', extension, 409, 'CASE_CLOSED');
      await refused(path, 'answer', answer, 409, 'CASE_CLOSED');
    });

    it('CASE_CLOSED also after an answered case is closed as RESPONDIDA', async () => {
      const path = await answeredCase();
      await ok(path, 'close', answered);
      await refused(path, 'classification', theme, 409, 'CASE_CLOSED');
      await refused(path, 'answer', answer, 409, 'CASE_CLOSED');
    });

    it('FORWARDING_PENDING: a department with a pending forwarding; other departments and a replied one are fine', async () => {
      const path = await open();
      const first = await ok(path, 'forwardings', forwarding('regulacao'));
      await refused(path, 'forwardings', { ...forwarding('regulacao'), instructions: 'Outra instrução' }, 409, 'FORWARDING_PENDING');
      await ok(path, 'forwardings', forwarding('financeiro'));
      await ok(path, `forwardings/${first.body.forwardings[0].forwardingId}/reply`, reply);
      const again = await ok(path, 'forwardings', forwarding('regulacao'));
      expect(again.body.forwardings.map((f: { department: string; status: string }) => [f.department, f.status])).toEqual([
        ['regulacao', 'REPLIED'],
        ['financeiro', 'PENDING'],
        ['regulacao', 'PENDING'],
      ]);
    });

    it('ALREADY_REPLIED: replying twice to one forwarding', async () => {
      const path = await open();
      const { body } = await ok(path, 'forwardings', forwarding());
      const replyPath = `forwardings/${body.forwardings[0].forwardingId}/reply`;
      await ok(path, replyPath, reply);
      await refused(path, replyPath, { text: 'Outra resposta' }, 409, 'ALREADY_REPLIED');
      await refused(path, replyPath, reply, 409, 'ALREADY_REPLIED');
    });

    it('ALREADY_EXTENDED: extending twice', async () => {
      const path = await open();
      await ok(path, 'extension', extension);
      await refused(path, 'extension', { ...extension, businessDays: 20 }, 409, 'ALREADY_EXTENDED');
    });

    it('DEADLINE_PASSED: extending after the deadline; on its last minute it is still allowed', async () => {
      const late = await open();
      const onTime = await open();
      app.clock.set(AFTER_DEADLINE);
      await refused(late, 'extension', extension, 409, 'DEADLINE_PASSED');
      app.clock.set(LAST_MINUTE);
      const extended = await ok(onTime, 'extension', extension);
      expect(extended.body).toMatchObject({ extended: true, deadline: '2026-04-24T23:59:59.999-03:00' });
    });

    it('LATE_REASON_REQUIRED: answering after the deadline without a reason; with one it is LATE', async () => {
      const path = await open();
      app.clock.set(AFTER_DEADLINE);
      await refused(path, 'answer', answer, 409, 'LATE_REASON_REQUIRED');
      const late = await ok(path, 'answer', { ...answer, lateReason: 'Prestador demorou a enviar o laudo' });
      expect(late.body.answer).toMatchObject({ timeliness: 'LATE', lateReason: 'Prestador demorou a enviar o laudo' });
    });

    it('no late reason is needed within an agreed extension', async () => {
      const path = await open();
      await ok(path, 'extension', extension);
      app.clock.set(AFTER_DEADLINE);
      const res = await ok(path, 'answer', answer);
      expect(res.body.answer.timeliness).toBe('WITHIN_AGREED_DEADLINE');
    });

    it.each([
      ['a REANALISE answered PROCEDENTE', { type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-42' }, 'PROCEDENTE'],
      ['a REANALISE answered INFORMADA', { type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-42' }, 'INFORMADA'],
      ['a RECLAMACAO answered DEFERIDA', {}, 'DEFERIDA'],
      ['a DENUNCIA answered INDEFERIDA', { type: 'DENUNCIA' }, 'INDEFERIDA'],
    ])('OUTCOME_NOT_ALLOWED: %s', async (_label, overrides, outcome) => {
      const path = await open(overrides);
      await refused(path, 'answer', { ...answer, outcome }, 409, 'OUTCOME_NOT_ALLOWED');
    });

    it.each(['DEFERIDA', 'INDEFERIDA'])('a REANALISE is answered %s', async (outcome) => {
      const path = await open({ type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-42' });
      const res = await ok(path, 'answer', { text: 'Cobertura reavaliada', outcome });
      expect(res.body).toMatchObject({ type: 'REANALISE', status: 'ANSWERED', deniedRequestProtocol: 'AUT-2026-42', answer: { outcome } });
    });

    it.each(['PROCEDENTE', 'IMPROCEDENTE', 'PARCIALMENTE_PROCEDENTE', 'INFORMADA'])('a RECLAMACAO is answered %s', async (outcome) => {
      const res = await ok(await open(), 'answer', { ...answer, outcome });
      expect(res.body.answer).toMatchObject({ outcome, timeliness: 'WITHIN_DEADLINE' });
    });

    it('NOT_ANSWERED: closing as RESPONDIDA or recording satisfaction before the answer', async () => {
      const path = await open();
      await refused(path, 'close', answered, 409, 'NOT_ANSWERED');
      await refused(path, 'satisfaction', satisfaction, 409, 'NOT_ANSWERED');
    });

    it('NOT_ANSWERED: recording satisfaction on a case closed as DUPLICADA', async () => {
      await refused(await closedCase(), 'satisfaction', satisfaction, 409, 'NOT_ANSWERED');
    });

    it('ALREADY_CLOSED: closing a closed case, whatever the reason', async () => {
      const duplicated = await closedCase();
      await refused(duplicated, 'close', duplicate, 409, 'ALREADY_CLOSED');
      await refused(duplicated, 'close', answered, 409, 'ALREADY_CLOSED');
      const done = await answeredCase();
      await ok(done, 'close', answered);
      await refused(done, 'close', answered, 409, 'ALREADY_CLOSED');
    });

    it('SATISFACTION_ALREADY_RECORDED: recording satisfaction twice', async () => {
      const path = await answeredCase();
      await ok(path, 'satisfaction', satisfaction);
      await refused(path, 'satisfaction', { score: 5 }, 409, 'SATISFACTION_ALREADY_RECORDED');
      await ok(path, 'close', answered);
      await refused(path, 'satisfaction', { score: 1 }, 409, 'SATISFACTION_ALREADY_RECORDED');
    });
  });

  describe('accepted variants', () => {
    it('an anonymous DENUNCIA is registered without any identity', async () => {
      const res = await post(app.url, '/manifestations', complaint({ type: 'DENUNCIA', requester: { kind: 'OUTRO', anonymous: true } }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ type: 'DENUNCIA', status: 'OPEN' });
      expect(res.body.requester).toEqual({ kind: 'OUTRO', anonymous: true });
      const answeredIt = await ok(`/manifestations/${res.body.protocol}`, 'answer', { text: 'Apurado', outcome: 'PROCEDENTE' });
      expect(answeredIt.body.status).toBe('ANSWERED');
    });

    it('a registration without sacProtocol is accepted', async () => {
      const res = await post(app.url, '/manifestations', complaint({ sacProtocol: undefined }));
      expect(res.status).toBe(201);
      expect(res.body.sacProtocol).toBeNull();
    });

    it.each(['DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE'])('an open case is closed as %s', async (reason) => {
      const path = await open();
      const res = await ok(path, 'close', { reason, note: 'Encerrada pela ouvidoria' });
      expect(res.body).toMatchObject({
        status: 'CLOSED',
        closed: { reason, note: 'Encerrada pela ouvidoria', at: '2026-04-01T10:00:00.000-03:00' },
      });
      expect(res.body.answer).toBeUndefined();
    });
  });

  describe('412', () => {
    /** A case one command in: revision 1, with a pending forwarding to reply to. */
    async function movedOn(): Promise<{ path: string; forwardingId: string }> {
      const path = await open();
      const { body } = await ok(path, 'forwardings', forwarding());
      expect(body.revision).toBe(1);
      return { path, forwardingId: body.forwardings[0].forwardingId };
    }

    it.each([
      ['classification', theme],
      ['forwardings', forwarding('financeiro')],
      ['forwardings/:fw/reply', reply],
      ['extension', extension],
      ['answer', answer],
      ['close', duplicate],
      ['satisfaction', satisfaction],
    ])('POST %s with a stale or future If-Match is 412 REVISION_MISMATCH', async (suffix, body) => {
      const { path, forwardingId } = await movedOn();
      const target = suffix.replace(':fw', forwardingId);
      for (const ifMatch of ['"0"', '"2"', '"99"', 'W/"0"']) {
        await refused(path, target, body, 412, 'REVISION_MISMATCH', { 'if-match': ifMatch });
      }
    });

    it('the current revision in If-Match is accepted, strong or weak, and the ETag moves on', async () => {
      const { path } = await movedOn();
      const first = await ok(path, 'classification', theme, { 'if-match': '"1"' });
      expect(first.headers.get('etag')).toBe('"2"');
      const second = await ok(path, 'extension', extension, { 'if-match': 'W/"2"' });
      expect(second.headers.get('etag')).toBe('"3"');
      await refused(path, 'answer', answer, 412, 'REVISION_MISMATCH', { 'if-match': '"2"' });
      expect((await ok(path, 'answer', answer, { 'if-match': '"3"' })).headers.get('etag')).toBe('"4"');
    });

    it('GET reports the ETag a following If-Match must carry', async () => {
      const { path } = await movedOn();
      const current = await get(app.url, path);
      expect(current.headers.get('etag')).toBe('"1"');
      await ok(path, 'classification', theme, { 'if-match': current.headers.get('etag')! });
    });
  });
});

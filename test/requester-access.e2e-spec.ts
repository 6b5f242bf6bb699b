import { bearer } from './support/auth';
import { complaint, escalation } from './support/fixtures';
import { call, get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { ACCESS_CODES, type AccessCodes } from '../apps/ouvidoria-api/src/application/ports';
import { startTestApp, type TestApp } from './support/test-app';

const CODE_FORMAT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** The requester's door: protocol and access code, no token. */
const asRequester = (app: TestApp, method: 'GET' | 'POST', path: string, code?: string, json?: unknown) =>
  call(app.url, method, `/public/manifestations/${path}`, {
    anonymous: true,
    json,
    headers: code === undefined ? {} : { 'x-access-code': code },
  });

describe('the requester follows their case with the protocol and the access code', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00', { PUBLIC_LOCKOUT_FAILURES: '5', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(() => app.close());

  async function register(overrides: Record<string, unknown> = {}): Promise<{ protocol: string; code: string }> {
    const res = await post(app.url, '/manifestations', complaint(overrides));
    expect(res.status).toBe(201);
    return { protocol: res.body.protocol, code: res.body.accessCode };
  }

  it('is answered once, at registration: never on a replay, and only its issue date on a read', async () => {
    const first = await post(app.url, '/manifestations', complaint(), { 'idempotency-key': 'k-access-1' });
    expect(first.body.accessCode).toMatch(CODE_FORMAT);
    const replay = await post(app.url, '/manifestations', complaint(), { 'idempotency-key': 'k-access-1' });
    expect(replay.body.protocol).toBe(first.body.protocol);
    expect(replay.body.accessCode).toBeUndefined();
    const read = await get(app.url, `/manifestations/${first.body.protocol}`);
    expect(read.body.accessCode).toBeUndefined();
    expect(read.body.accessCodeIssuedAt).toBe('2026-04-01T10:00:00.000-03:00');
    expect(JSON.stringify(read.body)).not.toMatch(/scrypt/);
    const history = await get(app.url, `/manifestations/${first.body.protocol}/history`);
    expect(JSON.stringify(history.body)).not.toContain(first.body.accessCode.replace(/-/g, ''));
    expect(JSON.stringify(history.body)).not.toMatch(/scrypt|accessCodeHash/);
  });

  it('comes with a SAC escalation over HTTP, in the SAC receipt too', async () => {
    const sac = await bearer('sac-integration', 'sac-system');
    const res = await post(app.url, '/sac-escalations', escalation({ escalationId: 'esc-access-1' }), sac);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['accessCode', 'deadline', 'protocol', 'receivedAt', 'type']);
    expect(res.body.accessCode).toMatch(CODE_FORMAT);
    const view = await asRequester(app, 'GET', res.body.protocol, res.body.accessCode);
    expect(view.status).toBe(200);
  });

  it('opens the requester view, as typed in any case and without dashes, with nothing internal in it', async () => {
    const { protocol, code } = await register();
    const path = `/manifestations/${protocol}`;
    await post(app.url, `${path}/forwardings`, { department: 'regulacao', instructions: 'Nota interna: rever a negativa' });
    const view = await asRequester(app, 'GET', protocol, code.toLowerCase().replace(/-/g, ''));
    expect(view.status).toBe(200);
    expect(view.headers.get('cache-control')).toBe('no-store');
    expect(view.body).toEqual({
      protocol,
      type: 'RECLAMACAO',
      status: 'IN_ANALYSIS',
      statusText: 'Em análise pela Ouvidoria.',
      receivedAt: '2026-04-01T10:00:00.000-03:00',
      deadline: '2026-04-13T23:59:59.999-03:00',
      satisfactionRecorded: false,
    });
    expect(JSON.stringify(view.body)).not.toMatch(/regulacao|Nota interna|analista|Maria|52998224725/);
  });

  it('answers an unknown protocol, a wrong code and a malformed protocol the same 404', async () => {
    const { protocol, code } = await register();
    const other = await register();
    // Each answer costs one slow hash, so that their timing tells as little as their status and body.
    const matches = jest.spyOn(app.get(ACCESS_CODES as unknown as abstract new () => AccessCodes), 'matches');
    const answers: HttpResult[] = [
      await asRequester(app, 'GET', protocol, other.code),
      await asRequester(app, 'GET', '12345620260401009999', code),
      await asRequester(app, 'GET', 'not-a-protocol', code),
    ];
    for (const res of answers) expectProblem(res, 404, 'MANIFESTATION_NOT_FOUND');
    expect(matches).toHaveBeenCalledTimes(3);
    matches.mockRestore();
    const bodies = answers.map((res) => ({ ...res.body, instance: undefined }));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(answers.map((res) => [...res.headers.keys()].filter((h) => h !== 'date' && h !== 'x-request-id').sort())).toEqual([
      [...answers[0].headers.keys()].filter((h) => h !== 'date' && h !== 'x-request-id').sort(),
      [...answers[0].headers.keys()].filter((h) => h !== 'date' && h !== 'x-request-id').sort(),
      [...answers[0].headers.keys()].filter((h) => h !== 'date' && h !== 'x-request-id').sort(),
    ]);
    expectProblem(await asRequester(app, 'GET', protocol), 400, 'ACCESS_CODE_REQUIRED');
  });

  it('locks a protocol after repeated wrong codes, known or not, with 429 and Retry-After; the right code waits too', async () => {
    const { protocol, code } = await register();
    for (let i = 0; i < 5; i++) expectProblem(await asRequester(app, 'GET', protocol, 'AAAA-AAAA-AAAA'), 404, 'MANIFESTATION_NOT_FOUND');
    const locked = await asRequester(app, 'GET', protocol, code);
    expectProblem(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    const unknown = '12345620260401008888';
    for (let i = 0; i < 5; i++) await asRequester(app, 'GET', unknown, 'AAAA-AAAA-AAAA');
    expectProblem(await asRequester(app, 'GET', unknown, 'AAAA-AAAA-AAAA'), 429, 'TOO_MANY_ATTEMPTS');

    app.clock.set('2026-04-01T10:16:00-03:00');
    expect((await asRequester(app, 'GET', protocol, code)).status).toBe(200);
    app.clock.set('2026-04-01T10:00:00-03:00');
  });

  it('stops working when the Ouvidoria reissues the code, and the new one works', async () => {
    const { protocol, code } = await register();
    const reissued = await post(app.url, `/manifestations/${protocol}/access-code`, {});
    expect(reissued.status).toBe(200);
    expect(reissued.headers.get('cache-control')).toBe('no-store');
    expect(reissued.body.accessCode).toMatch(CODE_FORMAT);
    expect(reissued.body.accessCode).not.toBe(code);
    expectProblem(await asRequester(app, 'GET', protocol, code), 404, 'MANIFESTATION_NOT_FOUND');
    expect((await asRequester(app, 'GET', protocol, reissued.body.accessCode)).status).toBe(200);
    expectProblem(await post(app.url, `/manifestations/${protocol}/access-code`, {}, await bearer('auditor')), 403, 'FORBIDDEN_FOR_ROLE');
  });

  it('lets the requester reply to a question, which the case shows as pending meanwhile, the deadline unchanged', async () => {
    const { protocol, code } = await register();
    const path = `/manifestations/${protocol}`;
    app.clock.set('2026-04-02T09:00:00-03:00');
    const asked = await post(app.url, `${path}/clarification-requests`, { question: 'Qual o número do pedido médico?' });
    expect(asked.status).toBe(200);
    const [question] = asked.body.clarifications;
    expect(question).toEqual({
      clarificationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      question: 'Qual o número do pedido médico?',
      requestedAt: '2026-04-02T09:00:00.000-03:00',
    });
    expectProblem(await post(app.url, `${path}/clarification-requests`, { question: 'Outra?' }), 409, 'CLARIFICATION_PENDING');
    expectProblem(await post(app.url, `${path}/clarification-requests`, { question: '  ' }), 400, 'VALIDATION_FAILED');

    const pending = await asRequester(app, 'GET', protocol, code);
    expect(pending.body).toMatchObject({
      status: 'AWAITING_YOUR_REPLY',
      deadline: '2026-04-13T23:59:59.999-03:00',
      pendingClarification: {
        clarificationId: question.clarificationId,
        question: 'Qual o número do pedido médico?',
        note: expect.stringMatching(/prazo .* continua correndo/),
      },
    });

    app.clock.set('2026-04-03T09:30:00-03:00');
    expectProblem(await asRequester(app, 'POST', `${protocol}/clarification`, code, {}), 400, 'VALIDATION_FAILED');
    const replied = await asRequester(app, 'POST', `${protocol}/clarification`, code, { text: 'Pedido 4711' });
    expect(replied.status).toBe(200);
    expect(replied.body.status).toBe('IN_ANALYSIS');
    expect(replied.body.pendingClarification).toBeUndefined();
    expectProblem(await asRequester(app, 'POST', `${protocol}/clarification`, code, { text: 'De novo' }), 409, 'NO_PENDING_CLARIFICATION');

    const staff = await get(app.url, path);
    expect(staff.body.clarifications[0].reply).toEqual({
      text: 'Pedido 4711',
      receivedVia: 'REQUESTER',
      repliedAt: '2026-04-03T09:30:00.000-03:00',
    });
    const history = await get(app.url, `${path}/history`);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'ClarificationReplied',
      metadata: { actor: { sub: 'requester', role: 'requester' } },
    });
    app.clock.set('2026-04-01T10:00:00-03:00');
  });

  it('takes a reply an analyst got by phone, once, for a known question', async () => {
    const { protocol } = await register();
    const path = `/manifestations/${protocol}`;
    const asked = await post(app.url, `${path}/clarification-requests`, { question: 'Pode enviar o laudo?' });
    const id = asked.body.clarifications[0].clarificationId;
    const replied = await post(app.url, `${path}/clarification-requests/${id}/reply`, { text: 'Laudo enviado por e-mail' });
    expect(replied.status).toBe(200);
    expect(replied.body.clarifications[0].reply).toMatchObject({ text: 'Laudo enviado por e-mail', receivedVia: 'ANALYST' });
    expectProblem(await post(app.url, `${path}/clarification-requests/${id}/reply`, { text: 'de novo' }), 409, 'ALREADY_REPLIED');
    expectProblem(await post(app.url, `${path}/clarification-requests/not-a-uuid/reply`, { text: 'x' }), 404, 'CLARIFICATION_NOT_FOUND');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await post(app.url, `${path}/clarification-requests/${unknown}/reply`, { text: 'x' }), 404, 'CLARIFICATION_NOT_FOUND');
  });

  it('lets the requester rate the answer themselves, once, and not before it', async () => {
    const { protocol, code } = await register();
    const path = `/manifestations/${protocol}`;
    expectProblem(await asRequester(app, 'POST', `${protocol}/satisfaction`, code, { score: 5 }), 409, 'NOT_ANSWERED');
    await post(app.url, `${path}/answer`, { text: 'Exame autorizado.', outcome: 'PROCEDENTE' });
    const answered = await asRequester(app, 'GET', protocol, code);
    expect(answered.body).toMatchObject({ status: 'ANSWERED', answer: { text: 'Exame autorizado.', outcome: 'PROCEDENTE' } });
    expectProblem(await asRequester(app, 'POST', `${protocol}/satisfaction`, code, { score: 9 }), 400, 'VALIDATION_FAILED');
    const rated = await asRequester(app, 'POST', `${protocol}/satisfaction`, code, { score: 4, comment: 'Resolvido' });
    expect(rated.status).toBe(200);
    expect(rated.body.satisfactionRecorded).toBe(true);
    expect((await get(app.url, path)).body.satisfaction).toMatchObject({ score: 4, comment: 'Resolvido' });
    expectProblem(await asRequester(app, 'POST', `${protocol}/satisfaction`, code, { score: 4 }), 409, 'SATISFACTION_ALREADY_RECORDED');
    expectProblem(
      await asRequester(app, 'POST', `${protocol}/satisfaction`, 'AAAA-AAAA-AAAA', { score: 4 }),
      404,
      'MANIFESTATION_NOT_FOUND',
    );
  });
});

describe('the public routes from one address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00', { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => app.close());

  it('are rate-limited: 429 with Retry-After once over the limit, whatever the protocols', async () => {
    for (let i = 0; i < 3; i++)
      expectProblem(await asRequester(app, 'GET', `1234562026040100000${i}`, 'AAAA-AAAA-AAAA'), 404, 'MANIFESTATION_NOT_FOUND');
    const limited = await asRequester(app, 'GET', '12345620260401000009', 'AAAA-AAAA-AAAA');
    expectProblem(limited, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

import { complaint } from './support/fixtures';
import { get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The work queue over HTTP: cases registered, forwarded, answered and closed through the API,
 * then listed, filtered, paged and counted, reading our own writes with minPosition.
 */

const THURSDAY = '2026-04-02T10:00:00-03:00'; // the day before Good Friday

/** 400 VALIDATION_FAILED naming exactly these fields. */
function expectFieldErrors(res: HttpResult, fields: string[]): void {
  expectProblem(res, 400, 'VALIDATION_FAILED');
  const named = [...new Set<string>(res.body.errors.map((e: { field: string }) => e.field))].sort();
  expect(named).toEqual([...fields].sort());
}

type Params = Record<string, string | number | boolean>;

const queryAt = (url: string, path: string, params: Params = {}) =>
  get(url, `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`);

const protocolsOf = (res: HttpResult): string[] => {
  expect({ status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ status: 200, body: undefined });
  return res.body.items.map((item: { protocol: string }) => item.protocol);
};

const positionOf = (res: HttpResult): number => {
  const header = res.headers.get('x-event-position');
  expect(header).toMatch(/^\d+$/);
  return Number(header);
};

describe('work queue over HTTP', () => {
  let app: TestApp;
  /** Protocols by what each case is in the story below. */
  const cases = { dueThursday: '', consulta: '', answered: '', newest: '' };
  let last = 0;

  async function ok(res: Promise<HttpResult>, status = 200): Promise<HttpResult> {
    const done = await res;
    expect({ status: done.status, body: done.status === status ? undefined : done.body }).toEqual({ status, body: undefined });
    last = Math.max(last, positionOf(done));
    return done;
  }
  const at = (iso: string) => app.clock.set(iso);
  const query = (path: string, params: Params = {}) => queryAt(app.url, path, params);
  /** The queue once it has applied every write made so far. */
  const queue = (params: Params = {}) => query('/manifestations', { minPosition: last, ...params });

  beforeAll(async () => {
    app = await startTestApp('2026-03-24T10:00:00-03:00');
    const register = async (overrides: Record<string, unknown> = {}) =>
      (await ok(post(app.url, '/manifestations', complaint(overrides)), 201)).body.protocol as string;
    const act = (protocol: string, command: string, body: unknown) => ok(post(app.url, `/manifestations/${protocol}/${command}`, body));

    at('2026-03-24T10:00:00-03:00');
    cases.dueThursday = await register({ theme: 'COBERTURA_ASSISTENCIAL' }); // deadline Thu 02 April
    at('2026-03-26T10:00:00-03:00');
    cases.consulta = await register({ type: 'CONSULTA', channel: 'EMAIL', sacProtocol: 'SAC-2026-000777' }); // deadline Tue 07 April
    at('2026-03-30T10:00:00-03:00');
    cases.answered = await register(); // deadline Thu 09 April
    at('2026-04-01T09:00:00-03:00');
    await act(cases.dueThursday, 'forwardings', { department: 'regulacao', instructions: 'Rever a negativa', dueInBusinessDays: 1 });
    const forwarded = await act(cases.consulta, 'forwardings', { department: 'financeiro', instructions: 'Informar valores' });
    at('2026-04-01T10:00:00-03:00');
    cases.newest = await register(); // deadline Mon 13 April
    at('2026-04-01T11:00:00-03:00');
    await act(cases.answered, 'answer', { text: 'Exame autorizado', outcome: 'PROCEDENTE' });
    await act(cases.answered, 'close', { reason: 'RESPONDIDA' });
    at(THURSDAY);
    const [forwarding] = forwarded.body.forwardings;
    await act(cases.consulta, `forwardings/${forwarding.forwardingId}/reply`, { text: 'Valores enviados' });
  });
  afterAll(() => app.close());
  beforeEach(() => at(THURSDAY));

  it('lists every case by deadline with what the queue shows', async () => {
    const res = await queue();

    expect(protocolsOf(res)).toEqual([cases.dueThursday, cases.consulta, cases.answered, cases.newest]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toEqual([
      {
        protocol: cases.dueThursday,
        type: 'RECLAMACAO',
        channel: 'TELEFONE',
        theme: 'COBERTURA_ASSISTENCIAL',
        status: 'OPEN',
        receivedAt: '2026-03-24T10:00:00.000-03:00',
        deadline: '2026-04-02T23:59:59.999-03:00',
        businessDaysLeft: 0,
        pendingDepartments: ['regulacao'],
      },
      expect.objectContaining({
        protocol: cases.consulta,
        type: 'CONSULTA',
        channel: 'EMAIL',
        businessDaysLeft: 2,
        pendingDepartments: [],
      }),
      expect.objectContaining({ protocol: cases.answered, status: 'CLOSED', businessDaysLeft: null, pendingDepartments: [] }),
      expect.objectContaining({ protocol: cases.newest, status: 'OPEN', theme: null, businessDaysLeft: 6 }),
    ]);
    for (const item of res.body.items) expect(item).not.toHaveProperty('requester');
  });

  it.each([
    ['status=OPEN', { status: 'OPEN' }, ['dueThursday', 'consulta', 'newest']],
    ['status=CLOSED', { status: 'CLOSED' }, ['answered']],
    ['status=ANSWERED', { status: 'ANSWERED' }, []],
    ['type=CONSULTA', { type: 'CONSULTA' }, ['consulta']],
    ['theme=COBERTURA_ASSISTENCIAL', { theme: 'COBERTURA_ASSISTENCIAL' }, ['dueThursday']],
    ['department=regulacao', { department: 'regulacao' }, ['dueThursday']],
    ['department=financeiro (replied)', { department: 'financeiro' }, []],
    ['overdue=true', { overdue: 'true' }, []],
    ['overdue=false', { overdue: 'false' }, ['dueThursday', 'consulta', 'answered', 'newest']],
    ['dueWithinBusinessDays=0', { dueWithinBusinessDays: 0 }, ['dueThursday']],
    ['dueWithinBusinessDays=2', { dueWithinBusinessDays: 2 }, ['dueThursday', 'consulta']],
    [
      'receivedFrom (inclusive) and receivedTo (exclusive)',
      { receivedFrom: '2026-03-26T10:00:00-03:00', receivedTo: '2026-04-01T10:00:00-03:00' },
      ['consulta', 'answered'],
    ],
    ['receivedFrom in UTC', { receivedFrom: '2026-04-01T13:00:00Z' }, ['newest']],
    ['plain local dates, both days whole', { receivedFrom: '2026-03-26', receivedTo: '2026-03-30' }, ['consulta', 'answered']],
    ['receivedTo a plain date (through its end)', { receivedTo: '2026-03-24' }, ['dueThursday']],
    ['receivedFrom a plain date (from its start)', { receivedFrom: '2026-04-01' }, ['newest']],
  ] as Array<[string, Record<string, string | number>, Array<keyof typeof cases>]>)('filters by %s', async (_, params, expected) => {
    expect(protocolsOf(await queue(params))).toEqual(expected.map((name) => cases[name]));
  });

  it('shows a case as overdue once its deadline has passed, with negative business days left', async () => {
    at('2026-04-06T10:00:00-03:00');
    const res = await queue({ overdue: 'true' });
    expect(protocolsOf(res)).toEqual([cases.dueThursday]);
    expect(res.body.items[0].businessDaysLeft).toBe(-1);
  });

  it('never shows an overdue case with 0 business days left, even on the holiday right after its deadline', async () => {
    at('2026-04-03T10:00:00-03:00'); // Good Friday: the Thursday deadline has passed, no business day since
    const res = await queue({ overdue: 'true' });
    expect(protocolsOf(res)).toEqual([cases.dueThursday]);
    expect(res.body.items[0].businessDaysLeft).toBeLessThan(0);
  });

  it('pages through the queue with limit and nextCursor, each case once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: HttpResult = await queue({ limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...protocolsOf(res));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);

    expect(pages).toBe(4);
    expect(seen).toEqual([cases.dueThursday, cases.consulta, cases.answered, cases.newest]);

    const firstOpen = await queue({ status: 'OPEN', limit: 2 });
    const restOpen = await queue({ status: 'OPEN', limit: 2, cursor: firstOpen.body.nextCursor });
    expect([...protocolsOf(firstOpen), ...protocolsOf(restOpen)]).toEqual([cases.dueThursday, cases.consulta, cases.newest]);
    expect(restOpen.body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue with a 400 naming cursor', async () => {
    expectFieldErrors(await queue({ cursor: 'not-a-cursor' }), ['cursor']);
  });

  it('answers 503 READ_MODEL_BEHIND with Retry-After when minPosition is not reached within 2 s', async () => {
    const started = Date.now();
    const res = await query('/manifestations', { minPosition: last + 1000 });

    expectProblem(res, 503, 'READ_MODEL_BEHIND');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);

    const stats = await query('/stats', { minPosition: last + 1000 });
    expectProblem(stats, 503, 'READ_MODEL_BEHIND');
    expect(stats.headers.get('retry-after')).toBe('1');
  });

  it('finds the case the SAC calls about by its SAC protocol', async () => {
    expect(protocolsOf(await queue({ sacProtocol: 'SAC-2026-000777' }))).toEqual([cases.consulta]);
    expect(protocolsOf(await queue({ sacProtocol: 'SAC-2026-000778' }))).toEqual([]);
  });

  it.each([
    ['sacProtocol empty', { sacProtocol: '' }, ['sacProtocol']],
    ['sacProtocol of 51 characters', { sacProtocol: 'S'.repeat(51) }, ['sacProtocol']],
    ['limit=0', { limit: '0' }, ['limit']],
    ['limit=101', { limit: '101' }, ['limit']],
    ['limit=ten', { limit: 'ten' }, ['limit']],
    ['overdue=yes', { overdue: 'yes' }, ['overdue']],
    ['status=FOO', { status: 'FOO' }, ['status']],
    ['type=QUEIXA', { type: 'QUEIXA' }, ['type']],
    ['theme=OUTROS', { theme: 'OUTROS' }, ['theme']],
    ['department=Regulação', { department: 'Regulação' }, ['department']],
    ['dueWithinBusinessDays=-1', { dueWithinBusinessDays: '-1' }, ['dueWithinBusinessDays']],
    ['dueWithinBusinessDays=1.5', { dueWithinBusinessDays: '1.5' }, ['dueWithinBusinessDays']],
    ['receivedFrom=yesterday', { receivedFrom: 'yesterday' }, ['receivedFrom']],
    ['receivedTo without an offset', { receivedTo: '2026-04-01T10:00:00' }, ['receivedTo']],
    ['receivedFrom=2026-02-30', { receivedFrom: '2026-02-30' }, ['receivedFrom']],
    ['minPosition=abc', { minPosition: 'abc' }, ['minPosition']],
    ['minPosition=-1', { minPosition: '-1' }, ['minPosition']],
    ['an unknown parameter', { priority: 'ALTA' }, ['priority']],
    ['two bad parameters at once', { limit: '0', status: 'FOO' }, ['limit', 'status']],
  ] as Array<[string, Record<string, string>, string[]]>)(
    'GET /manifestations refuses %s with a 400 naming the field',
    async (_, params, fields) => {
      expectFieldErrors(await query('/manifestations', params), fields);
    },
  );

  it.each([
    ['minPosition=abc', { minPosition: 'abc' }, ['minPosition']],
    ['a list filter', { status: 'OPEN' }, ['status']],
  ] as Array<[string, Record<string, string>, string[]]>)(
    'GET /stats refuses %s with a 400 naming the field',
    async (_, params, fields) => {
      expectFieldErrors(await query('/stats', params), fields);
    },
  );

  it('counts open, overdue and due cases, and per department its pending forwardings', async () => {
    const res = await query('/stats', { minPosition: last });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      open: 3,
      overdue: 0,
      dueWithin2BusinessDays: 2,
      // regulacao's forwarding is due today; financeiro replied.
      departments: [{ department: 'regulacao', pending: 1, overdue: 0, dueWithin2BusinessDays: 1 }],
    });

    at('2026-04-06T10:00:00-03:00');
    expect((await get(app.url, '/stats')).body).toMatchObject({
      open: 3,
      overdue: 1,
      departments: [{ department: 'regulacao', pending: 1, overdue: 1, dueWithin2BusinessDays: 0 }],
    });
  });

  it('reports on /health where the work-queue projection stands, with no lag once caught up', async () => {
    expect((await query('/stats', { minPosition: last })).status).toBe(200);

    const res = await get(app.url, '/health');

    expect(res.status).toBe(200);
    expect(res.body.projections['work-queue']).toEqual({ version: 1, position: last, lagEvents: 0, lagSeconds: 0 });
  });
});

describe('reading your own writes over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(THURSDAY);
  });
  afterAll(() => app.close());

  async function command(path: string, body: unknown, status = 200): Promise<HttpResult> {
    const res = await post(app.url, path, body);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
    return res;
  }

  it('carries X-Event-Position on every command answer, one more per event written', async () => {
    const registered = await command('/manifestations', complaint(), 201);
    const path = `/manifestations/${registered.body.protocol}`;
    const classified = await command(`${path}/classification`, { theme: 'FINANCEIRO' });
    const forwarded = await command(`${path}/forwardings`, { department: 'juridico', instructions: 'Avaliar' });

    expect([positionOf(classified), positionOf(forwarded)]).toEqual([positionOf(registered) + 1, positionOf(registered) + 2]);
  });

  it('carries X-Event-Position on a replayed registration too, so a client that retried can read its write', async () => {
    const headers = { 'idempotency-key': 'retry-me-0001' };
    const first = await post(app.url, '/manifestations', complaint(), headers);
    const replay = await post(app.url, '/manifestations', complaint(), headers);
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(replay.body.protocol).toBe(first.body.protocol);
    expect(replay.headers.get('x-event-position')).toBe(first.headers.get('x-event-position'));
  });

  it('returns the updated row when the X-Event-Position of a command is passed as minPosition', async () => {
    const registered = await command('/manifestations', complaint(), 201);
    const { protocol } = registered.body;
    const asRegistered = await queryAt(app.url, '/manifestations', { minPosition: positionOf(registered) });
    expect(protocolsOf(asRegistered)).toContain(protocol);

    const classified = await command(`/manifestations/${protocol}/classification`, { theme: 'REDE_PRESTADORA' });
    const byTheme = await queryAt(app.url, '/manifestations', { theme: 'REDE_PRESTADORA', minPosition: positionOf(classified) });
    expect(protocolsOf(byTheme)).toEqual([protocol]);

    const forwarded = await command(`/manifestations/${protocol}/forwardings`, { department: 'auditoria', instructions: 'Auditar' });
    const byDepartment = await queryAt(app.url, '/manifestations', { department: 'auditoria', minPosition: positionOf(forwarded) });
    expect(byDepartment.body.items).toEqual([expect.objectContaining({ protocol, pendingDepartments: ['auditoria'] })]);

    const answered = await command(`/manifestations/${protocol}/answer`, { text: 'Resposta', outcome: 'IMPROCEDENTE' });
    const stats = await queryAt(app.url, '/stats', { minPosition: positionOf(answered) });
    const open = await queryAt(app.url, '/manifestations', { status: 'OPEN', minPosition: positionOf(answered) });
    expect(protocolsOf(open)).not.toContain(protocol);
    expect(stats.body.open).toBe(protocolsOf(open).length);
  });
});

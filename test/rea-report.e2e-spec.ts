import { complaint } from './support/fixtures';
import { get, post, type HttpResult } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const review = (overrides: Record<string, unknown> = {}) =>
  complaint({ type: 'REANALISE', deniedRequestProtocol: 'AUT-2026-0042', ...overrides });

/**
 * GET /reports/rea over HTTP: JSON and CSV, a converted reanálise, a reversal, a withdrawn review,
 * one closed as a duplicate, one still open, a late answer.
 */
describe('REA-Ouvidorias report over HTTP', () => {
  let app: TestApp;
  let last: HttpResult;
  const at = (res: HttpResult) => res.headers.get('x-event-position');

  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    const converted = (await post(app.url, '/manifestations', review())).body.protocol;
    const reversed = (await post(app.url, '/manifestations', review())).body.protocol;
    const late = (await post(app.url, '/manifestations', complaint())).body.protocol;
    const withdrawn = (await post(app.url, '/manifestations', review())).body.protocol;
    const duplicate = (await post(app.url, '/manifestations', review())).body.protocol;
    const open = (await post(app.url, '/manifestations', review())).body.protocol;
    expect(open).toMatch(/^\d{20}$/);
    expect((await post(app.url, `/manifestations/${withdrawn}/close`, { reason: 'DESISTENCIA' })).status).toBe(200);
    expect((await post(app.url, `/manifestations/${duplicate}/close`, { reason: 'DUPLICADA' })).status).toBe(200);

    const conversion = await post(app.url, `/manifestations/${converted}/conversion`, {
      toType: 'RECLAMACAO',
      reason: 'Pede reembolso, não houve negativa',
    });
    expect(conversion.status).toBe(200);
    expect(conversion.body).toMatchObject({ type: 'RECLAMACAO', convertedFromReanalise: { reason: 'Pede reembolso, não houve negativa' } });

    app.clock.set('2026-04-06T10:00:00-03:00');
    const answer = { text: 'Autorizado', outcome: 'DEFERIDA', reversalReason: 'Cobertura obrigatória pelo rol' };
    expect((await post(app.url, `/manifestations/${reversed}/answer`, answer)).status).toBe(200);
    app.clock.set('2026-04-20T10:00:00-03:00'); // past the deadline of 2026-04-13
    last = await post(app.url, `/manifestations/${late}/answer`, {
      text: 'Reembolso feito',
      outcome: 'PROCEDENTE',
      lateReason: '=HYPERLINK("http://evil.example","laudo")',
    });
    expect(last.status).toBe(200);
  });
  afterAll(() => app.close());

  it('answers the year in JSON, once the read model has the writes', async () => {
    const res = await get(app.url, `/reports/rea?year=2026&minPosition=${at(last)}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ received: 6, answered: 2, openAtGeneration: 2, closedWithoutAnswer: 2 });
    expect(res.body.byType).toMatchObject({ RECLAMACAO: 2, REANALISE: 4 });
    expect(res.body.reanalise).toEqual({
      received: 5,
      deferida: 1,
      indeferida: 0,
      convertedToManifestation: 1,
      withdrawn: 1,
      closedWithoutAnswer: 1,
      pending: 1,
      mainReversalReasons: [{ reason: 'Cobertura obrigatória pelo rol', count: 1 }],
    });
    expect(res.body.indicators).toMatchObject({ answered: 2, withinDeadline: 1, late: 1, prdpPercent: 50, prfpPercent: 50 });
    expect(res.body.months[3]).toMatchObject({ month: 4, received: 6, answered: 2 });
  });

  it('answers the same figures as CSV, with free text defused against spreadsheet formulas', async () => {
    const res = await get(app.url, `/reports/rea?year=2026&minPosition=${at(last)}`, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="rea-ouvidorias-2026.csv"');
    const lines = (res.body as string).split('\r\n');
    expect(lines[0]).toBe('secao,item,valor');
    expect(lines).toEqual(
      expect.arrayContaining([
        'totais,recebidas,6',
        'reanalise,convertidas_em_manifestacao,1',
        'reanalise,desistencias,1',
        'reanalise,encerradas_sem_resposta,1',
        'reanalise,pendentes,1',
        'reanalise_motivos_de_reversao,Cobertura obrigatória pelo rol,1',
        `motivos_de_atraso,"'=HYPERLINK(""http://evil.example"",""laudo"")",1`,
      ]),
    );
  });

  it('answers zeros for a year without cases, and 400 naming the field for a bad year', async () => {
    const empty = await get(app.url, '/reports/rea?year=2019');
    expect(empty.status).toBe(200);
    expect(empty.body.totals.received).toBe(0);
    for (const year of ['', 'abc', '1999', '2026.5']) {
      const res = await get(app.url, `/reports/rea?year=${year}`);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('year');
    }
  });

  it('says that year is required when it is missing, once', async () => {
    const res = await get(app.url, '/reports/rea');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'year', rule: 'required', message: 'year is required' }]);
  });

  it('refuses to convert what is not an open REANALISE, or into a DENUNCIA', async () => {
    const plain = (await post(app.url, '/manifestations', complaint())).body.protocol;
    expectProblem(await post(app.url, `/manifestations/${plain}/conversion`, { toType: 'CONSULTA', reason: 'x' }), 409, 'NOT_A_REANALISE');
    const open = (await post(app.url, '/manifestations', review())).body.protocol;
    const denuncia = await post(app.url, `/manifestations/${open}/conversion`, { toType: 'DENUNCIA', reason: 'x' });
    expectProblem(denuncia, 400, 'VALIDATION_FAILED');
    expect(denuncia.body.errors).toEqual([expect.objectContaining({ field: 'toType' })]);
    expect((await get(app.url, `/manifestations/${open}`)).body.type).toBe('REANALISE');
  });
});

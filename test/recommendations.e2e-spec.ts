import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/** Recommendations to management over HTTP, and how the REA report counts them per year. */
describe('recommendations to management', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2025-09-10T10:00:00-03:00');
  });
  afterAll(() => app.close());

  const make = (text: string) => post(app.url, '/recommendations', { department: 'regulacao', text });

  it("are made, move through their stages, and are counted in this year's and next year's REA", async () => {
    const made = await make('Publicar o prazo de cada autorização');
    expect(made.status).toBe(201);
    const id = made.body.recommendationId;
    expect(made.headers.get('location')).toBe(`/recommendations/${id}`);
    expect(made.headers.get('etag')).toBe('"0"');
    expect(made.body).toMatchObject({ department: 'regulacao', stage: 'PROPOSTA', madeAt: '2025-09-10T10:00:00.000-03:00', stages: [] });
    app.clock.set('2025-10-01T10:00:00-03:00');
    await make('Treinar o SAC em reembolsos');

    app.clock.set('2026-02-02T10:00:00-03:00');
    const started = await post(
      app.url,
      `/recommendations/${id}/stage`,
      { stage: 'EM_IMPLEMENTACAO', note: 'Piloto' },
      { 'if-match': '"0"' },
    );
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stage: 'EM_IMPLEMENTACAO', stages: [{ stage: 'EM_IMPLEMENTACAO', note: 'Piloto' }], revision: 1 });
    expectProblem(
      await post(app.url, `/recommendations/${id}/stage`, { stage: 'IMPLEMENTADA' }, { 'if-match': '"0"' }),
      412,
      'REVISION_MISMATCH',
    );
    const done = await post(app.url, `/recommendations/${id}/stage`, { stage: 'IMPLEMENTADA' });
    const thisYear = await make('Rever a rede de pediatria');

    const at = done.headers.get('x-event-position');
    const position = Math.max(Number(at), Number(thisYear.headers.get('x-event-position')));
    const listed = await get(app.url, `/recommendations?year=2025&minPosition=${position}`);
    expect(listed.body.items.map((i: { stage: string }) => i.stage)).toEqual(['IMPLEMENTADA', 'PROPOSTA']);
    expect((await get(app.url, '/recommendations?year=2025&stage=PROPOSTA')).body.items).toHaveLength(1);

    const report = await get(app.url, `/reports/rea?year=2026&minPosition=${position}`);
    expect(report.body.recommendations).toEqual({
      made: 1,
      byStage: { PROPOSTA: 1, EM_IMPLEMENTACAO: 0, IMPLEMENTADA: 0, NAO_IMPLEMENTADA: 0 },
      previousYear: { year: 2025, made: 2, byStage: { PROPOSTA: 1, EM_IMPLEMENTACAO: 0, IMPLEMENTADA: 1, NAO_IMPLEMENTADA: 0 } },
    });
    const csv = await get(app.url, '/reports/rea?year=2026', { accept: 'text/csv' });
    expect(csv.body).toContain('recomendacoes_do_ano_anterior_por_estagio,IMPLEMENTADA,1');

    const fetched = await get(app.url, `/recommendations/${id}`);
    expect(fetched.headers.get('etag')).toBe('"2"');
    expect(fetched.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['EM_IMPLEMENTACAO', 'IMPLEMENTADA']);
  });

  it('refuses a move the stages do not allow, an unknown id, and bad input naming the field', async () => {
    const id = (await make('Revisar cartas de negativa')).body.recommendationId;
    await post(app.url, `/recommendations/${id}/stage`, { stage: 'NAO_IMPLEMENTADA' });
    expectProblem(await post(app.url, `/recommendations/${id}/stage`, { stage: 'EM_IMPLEMENTACAO' }), 409, 'STAGE_NOT_ALLOWED');
    expectProblem(await post(app.url, `/recommendations/${id}/stage`, { stage: 'NAO_IMPLEMENTADA' }), 409, 'STAGE_UNCHANGED');
    expectProblem(
      await post(app.url, '/recommendations/6f1c1d2e-0000-4000-8000-000000000000/stage', { stage: 'IMPLEMENTADA' }),
      404,
      'RECOMMENDATION_NOT_FOUND',
    );
    expectProblem(await get(app.url, '/recommendations/not-a-uuid'), 404, 'RECOMMENDATION_NOT_FOUND');
    const bad = await post(app.url, '/recommendations', { department: 'Regulação', text: ' ' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['department', 'text']);
    const badStage = await post(app.url, `/recommendations/${id}/stage`, { stage: 'CONCLUIDA' });
    expect(badStage.body.errors).toEqual([expect.objectContaining({ field: 'stage' })]);
    expectProblem(await get(app.url, '/recommendations'), 400, 'VALIDATION_FAILED');
  });
});

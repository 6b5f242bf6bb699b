import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Erasure } from '../apps/ouvidoria-api/src/data-subjects/erasure';
import { bearer } from './support/auth';
import { cliWith } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { eventually } from './support/kafka-mock';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

const ANA = { kind: 'BENEFICIARIO', name: 'Ana Pitombeira', document: '529.982.247-25', email: 'ana.pitombeira@example.com' };
const BRUNO = { kind: 'BENEFICIARIO', name: 'Bruno Cajazeira', document: '11144477735', email: 'bruno.cajazeira@example.com' };

/** A case registered now and closed at once (its retention starts now). */
async function closedCase(app: TestApp, requester: object, description: string): Promise<string> {
  const { protocol } = (await post(app.url, '/manifestations', complaint({ requester, description }))).body;
  await post(app.url, `/manifestations/${protocol}/answer`, { text: `Resposta: ${description}`, outcome: 'PROCEDENTE' });
  await post(app.url, `/manifestations/${protocol}/close`, { reason: 'RESPONDIDA' });
  return protocol;
}

/** What the log recorded of erasures, read from its file. */
function erasuresInLog(app: TestApp): Array<{ protocols: string[]; cause: string }> {
  const db = new Database(join(app.dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { data: string }>("SELECT data FROM events WHERE type = 'PersonalDataErased' ORDER BY position")
      .all()
      .map((row) => JSON.parse(row.data));
  } finally {
    db.close();
  }
}

describe('data subjects: access, erasure and retention (LGPD), on a clock the test moves', () => {
  let app: TestApp;
  let dpo: Record<string, string>;
  const cases = { anaOld: '', anaOpen: '', bruno: '' };
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    dpo = await bearer('dpo', 'encarregado');
    cases.anaOld = await closedCase(app, ANA, 'Carência cobrada indevidamente');
    cases.bruno = await closedCase(app, BRUNO, 'Reembolso de consulta');
  });
  afterAll(() => app.close());

  describe('export (access and portability)', () => {
    it("returns exactly the subject's cases, with their personal data in clear", async () => {
      cases.anaOpen = (
        await post(app.url, '/manifestations', complaint({ requester: ANA, description: 'Segunda via do cartão' }))
      ).body.protocol;
      const exported = await get(app.url, '/data-subjects/52998224725/export', dpo);
      expect(exported.status).toBe(200);
      expect(exported.body.document).toBe('52998224725');
      expect(exported.body.cases.map((c: { protocol: string }) => c.protocol)).toEqual([cases.anaOld, cases.anaOpen]);
      const [old] = exported.body.cases;
      expect(old.manifestation).toMatchObject({
        requester: { name: ANA.name, email: ANA.email },
        description: 'Carência cobrada indevidamente',
      });
      expect(old.events.map((e: { type: string }) => e.type)).toEqual([
        'ManifestationRegistered',
        'ManifestationAnswered',
        'ManifestationClosed',
      ]);
      expect(JSON.stringify(exported.body)).not.toContain(BRUNO.name);
    });

    it('is the dpo’s alone: other roles get 403', async () => {
      for (const role of ['ouvidoria', 'auditor', 'admin'] as const) {
        expectProblem(await get(app.url, '/data-subjects/52998224725/export', await bearer(role)), 403, 'FORBIDDEN_FOR_ROLE');
      }
    });

    it('answers 404 for a document without cases and 400, naming the field, for one that is no CPF/CNPJ', async () => {
      expectProblem(await get(app.url, '/data-subjects/39053344705/export', dpo), 404, 'DATA_SUBJECT_NOT_FOUND');
      const bad = await get(app.url, '/data-subjects/12345678900/export', dpo);
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'document', rule: 'taxId' })]);
    });
  });

  describe('an erasure request', () => {
    it('refuses a body naming nobody, or both a document and a protocol, naming the field', async () => {
      for (const body of [{}, { document: ANA.document, protocol: cases.bruno }]) {
        const res = await post(app.url, '/data-subjects/erasure', body, dpo);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors[0]).toMatchObject({ rule: 'exactlyOne' });
      }
      expectProblem(
        await post(app.url, '/data-subjects/erasure', { protocol: '12345620260401999999' }, dpo),
        404,
        'MANIFESTATION_NOT_FOUND',
      );
      expectProblem(await post(app.url, '/data-subjects/erasure', { document: '39053344705' }, dpo), 404, 'DATA_SUBJECT_NOT_FOUND');
      expectProblem(
        await post(app.url, '/data-subjects/erasure', { document: ANA.document }, await bearer('admin')),
        403,
        'FORBIDDEN_FOR_ROLE',
      );
    });

    it('while a case is open is scheduled, says which case it waits for, and erases nothing yet', async () => {
      const res = await post(app.url, '/data-subjects/erasure', { document: ANA.document }, dpo);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        status: 'SCHEDULED',
        dataSubject: expect.stringMatching(/^[0-9a-f]{64}$/),
        protocols: [cases.anaOld, cases.anaOpen],
        effectiveAt: null,
        awaitingClosing: [cases.anaOpen],
      });
      expect((await get(app.url, `/manifestations/${cases.anaOld}`)).body.requester.name).toBe(ANA.name);
    });

    it('by one case, during retention, is scheduled for when the retention period ends', async () => {
      app.clock.set('2026-04-02T09:00:00-03:00');
      const res = await post(app.url, '/data-subjects/erasure', { protocol: cases.bruno }, dpo);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        status: 'SCHEDULED',
        protocols: [cases.bruno],
        effectiveAt: '2031-04-01T10:00:00.000-03:00',
        awaitingClosing: [],
      });
      expect((await get(app.url, `/manifestations/${cases.bruno}`)).body.requester.name).toBe(BRUNO.name);
    });
  });

  describe('retention', () => {
    it('shreds a subject whose cases were all closed 5 years + 1 day ago, not one closed yesterday, and only once', async () => {
      const retention = app.get(Erasure);
      // Ana's open case is closed five years later: her data are kept five more years from then.
      app.clock.set('2031-03-31T10:00:00-03:00');
      await post(app.url, `/manifestations/${cases.anaOpen}/close`, { reason: 'DESISTENCIA' });
      app.clock.set('2031-04-02T10:00:00-03:00');

      expect(await retention.runRetention()).toEqual({ erased: 1, cases: 1 });
      const bruno = (await get(app.url, `/manifestations/${cases.bruno}`)).body;
      expect(bruno.requester).toEqual({
        kind: 'BENEFICIARIO',
        anonymous: false,
        name: '[erased]',
        document: '[erased]',
        email: '[erased]',
      });
      expect(bruno.description).toBe('[erased]');
      expect(bruno.answer.text).toBe('[erased]');
      // Non-personal facts stay, for the reports.
      expect(bruno).toMatchObject({ type: 'RECLAMACAO', status: 'CLOSED', answer: { outcome: 'PROCEDENTE' } });
      expect((await get(app.url, `/manifestations/${cases.anaOld}`)).body.requester.name).toBe(ANA.name);
      // Bruno had asked: the erasure answers his request.
      expect(erasuresInLog(app)).toEqual([expect.objectContaining({ protocols: [cases.bruno], cause: 'REQUEST' })]);

      expect(await retention.runRetention()).toEqual({ erased: 0, cases: 0 });
      const again = await post(app.url, '/data-subjects/erasure', { protocol: cases.bruno }, dpo);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'ERASED', protocols: [cases.bruno], erasedAt: '2031-04-02T10:00:00.000-03:00' });
      expect(erasuresInLog(app)).toHaveLength(1);
    });

    it('erases at once a request made after retention ended, and the export then shows the values erased', async () => {
      app.clock.set('2036-04-01T10:00:01-03:00');
      const res = await post(app.url, '/data-subjects/erasure', { document: ANA.document }, dpo);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'ERASED',
        protocols: [cases.anaOld, cases.anaOpen],
        erasedAt: '2036-04-01T10:00:01.000-03:00',
      });
      const exported = (await get(app.url, '/data-subjects/52998224725/export', dpo)).body;
      expect(exported.cases.map((c: { manifestation: { requester: { name: string } } }) => c.manifestation.requester.name)).toEqual([
        '[erased]',
        '[erased]',
      ]);
    });
  });
});

describe('retention:run, the operator’s command', () => {
  let app: TestApp;
  afterAll(() => app.close());

  it('destroys the keys of subjects past retention while the server runs, prints counts and no names, and is idempotent', async () => {
    // The server's clock is months behind the wall clock the command runs on.
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    const carla = { kind: 'BENEFICIARIO', name: 'Carla Jatobá', document: '390.533.447-05', email: 'carla.jatoba@example.com' };
    const protocol = await closedCase(app, carla, 'Negativa de órtese');
    const kept = await cliWith({ DATA_DIR: app.dataDir }, 'retention:run');
    expect(kept).toMatchObject({
      status: 0,
      stdout: 'retention (5 years from closing): personal data of 0 data subjects (0 cases) erased\n',
    });

    const run = await cliWith({ DATA_DIR: app.dataDir, RETENTION_YEARS: '0' }, 'retention:run');
    expect(run).toMatchObject({
      status: 0,
      stdout: 'retention (0 years from closing): personal data of 1 data subjects (1 cases) erased\n',
    });
    expect(run.stdout + run.stderr).not.toMatch(/Carla|Jatob|39053344705/);
    // The server forgets the key it kept in memory once it reads the erasure the command recorded (it follows the log every second).
    await eventually(
      async () => (await get(app.url, `/manifestations/${protocol}`)).body.requester.name === '[erased]',
      5000,
      'the erasure',
    );
    expect((await cliWith({ DATA_DIR: app.dataDir, RETENTION_YEARS: '0' }, 'retention:run')).stdout).toContain('of 0 data subjects');
  });
});

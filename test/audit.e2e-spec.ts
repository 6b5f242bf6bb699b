import Database from 'better-sqlite3';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { cli } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/** Auditors: the case as it stood, the hash chain per case and over the whole log, the timeline. */
describe('audit', () => {
  let app: TestApp;
  let protocol: string;
  let other: string;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    protocol = (await post(app.url, '/manifestations', complaint(), await bearer('ouvidoria', 'maria'))).body.protocol;
    other = (await post(app.url, '/manifestations', complaint())).body.protocol;
    app.clock.set('2026-04-02T09:00:00-03:00');
    await post(app.url, `/manifestations/${protocol}/classification`, { theme: 'FINANCEIRO' }, await bearer('ouvidoria', 'joao'));
    app.clock.set('2026-04-06T15:00:00-03:00');
    await post(
      app.url,
      `/manifestations/${protocol}/answer`,
      { text: 'Reembolso feito', outcome: 'PROCEDENTE' },
      await bearer('ouvidoria', 'maria'),
    );
  });
  afterAll(() => app.close());

  it('shows the case as it stood at an instant, folded from the events recorded up to it', async () => {
    const before = await get(app.url, `/manifestations/${protocol}?asOf=2026-04-01T23:00:00-03:00`);
    expect(before.status).toBe(200);
    expect(before.headers.get('etag')).toBe('"0"');
    expect(before.body).toMatchObject({ status: 'OPEN', theme: null, revision: 0 });

    const classified = await get(app.url, `/manifestations/${protocol}?asOf=2026-04-02T09:00:00-03:00`);
    expect(classified.body).toMatchObject({ status: 'OPEN', theme: 'FINANCEIRO', revision: 1 });

    const now = await get(app.url, `/manifestations/${protocol}`);
    expect(now.body).toMatchObject({ status: 'ANSWERED', revision: 2 });

    const history = await get(app.url, `/manifestations/${protocol}/history?asOf=2026-04-02T12:00:00-03:00`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ManifestationRegistered', 'ManifestationClassified']);
  });

  it('answers 404 for an instant before the case existed, and 400 for a malformed asOf', async () => {
    expectProblem(await get(app.url, `/manifestations/${protocol}?asOf=2026-03-31T00:00:00-03:00`), 404, 'MANIFESTATION_NOT_FOUND');
    expectProblem(await get(app.url, `/manifestations/${protocol}/history?asOf=2026-03-31T00:00:00-03:00`), 404, 'MANIFESTATION_NOT_FOUND');
    const malformed = await get(app.url, `/manifestations/${protocol}?asOf=yesterday`);
    expectProblem(malformed, 400, 'VALIDATION_FAILED');
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
  });

  it('verifies a case chain over HTTP and over the whole log with the CLI, and names the stream a tampered byte broke', async () => {
    expect((await get(app.url, `/manifestations/${protocol}/verify`)).body).toEqual({ protocol, intact: true, events: 3 });
    const intact = cli(app.dataDir, 'audit:verify');
    expect(intact.status).toBe(0);
    // The case, its registration claim, the log's stored-format record and the seal made at start.
    expect(intact.stdout).toContain('intact: 6 events in 4 streams');

    // An insider edits the stored theme of the classification.
    const db = new Database(join(app.dataDir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = replace(data, 'FINANCEIRO', 'ADMINISTRATIVO') WHERE type = 'ManifestationClassified'`).run();
    db.close();

    expect((await get(app.url, `/manifestations/${protocol}/verify`)).body).toEqual({
      protocol,
      intact: false,
      events: 3,
      brokenAt: { revision: 1, position: expect.any(Number), reason: 'stored hash does not match the event' },
    });
    expect((await get(app.url, `/manifestations/${other}/verify`)).body).toMatchObject({ intact: true });
    const broken = cli(app.dataDir, 'audit:verify');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`BROKEN at position \\d+ \\(stream manifestation-${protocol}, revision 1\\)`));
  });

  it('prints a case timeline for a person: when, who, what', () => {
    const replay = cli(app.dataDir, 'audit:replay', protocol);
    expect(replay.status).toBe(0);
    const lines = replay.stdout.trim().split('\n');
    expect(lines[0]).toBe(`manifestation ${protocol}`);
    expect(lines[1]).toBe(
      '2026-04-01T10:00:00.000-03:00  #0  maria (ouvidoria)  registered RECLAMACAO received 2026-04-01T10:00:00.000-03:00 via TELEFONE; deadline 2026-04-13T23:59:59.999-03:00',
    );
    expect(lines[3]).toBe('2026-04-06T15:00:00.000-03:00  #2  maria (ouvidoria)  answered PROCEDENTE, WITHIN_DEADLINE, 2 business days');
    expect(cli(app.dataDir, 'audit:replay', '12345620260401999999').status).toBe(1);
    expect(cli(app.dataDir, 'audit:nothing').status).toBe(64);
  });
});

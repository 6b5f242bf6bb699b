import { cliInBackground } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const CASES = 300;
const queue = (app: TestApp) => get(app.url, '/manifestations?limit=100&theme=FINANCEIRO');
const versionOf = async (app: TestApp) => (await get(app.url, '/health')).body.projections['work-queue'].version;

/** `npm run cli -- projections:rebuild <name>` against a running server: it never stops answering. */
describe('projections:rebuild while the server runs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    // More events than one batch (500), so that the rebuild goes in several.
    for (let i = 0; i < CASES; i++) {
      const { protocol } = (await post(app.url, '/manifestations', complaint({ subject: `Caso ${i}` }))).body;
      await post(app.url, `/manifestations/${protocol}/classification`, { theme: 'FINANCEIRO' });
    }
  }, 60_000);
  afterAll(() => app.close());

  it('builds version 2 beside version 1, and the server switches to it with every query answered', async () => {
    const before = await queue(app);
    expect(before.body.items).toHaveLength(100);

    const rebuild = cliInBackground(app.dataDir, 'projections:rebuild', 'work-queue');
    let exited = false;
    void rebuild.then(() => (exited = true));
    // Queries and writes go on during the rebuild, through the switch, and a little after it.
    const answers: number[] = [];
    let written = 0;
    let afterSwitch = 0;
    const deadline = Date.now() + 30_000;
    while (afterSwitch < 5 && Date.now() < deadline) {
      const res = await queue(app);
      answers.push(res.status);
      if (res.status === 200) expect(res.body.items).toHaveLength(100);
      await post(app.url, '/manifestations', complaint({ subject: 'Durante a reconstrução' }));
      written++;
      if (exited && (await versionOf(app)) === 2) afterSwitch++;
    }
    const { code, output } = await rebuild;
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/work-queue v2 is live/) });
    expect(afterSwitch).toBe(5);
    expect(new Set(answers)).toEqual(new Set([200]));

    // Everything written before, during and after the switch is in the new version.
    const last = await post(app.url, '/manifestations', complaint({ subject: 'Depois' }));
    const stats = await get(app.url, `/stats?minPosition=${last.headers.get('x-event-position')}`);
    expect(stats.body.open).toBe(CASES + written + 1);
    expect((await get(app.url, '/health')).body.projections['work-queue']).toMatchObject({ version: 2, lagEvents: 0 });
    expect((await queue(app)).body).toEqual(before.body);
  });

  it('refuses an unknown projection with exit 64, naming the ones there are', async () => {
    const { code, output } = await cliInBackground(app.dataDir, 'projections:rebuild', 'nothing');
    expect(code).toBe(64);
    expect(output).toMatch(/no projection nothing/);
    expect(output).toMatch(/work-queue\|department-inbox\|rea/);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

const CLI = join(__dirname, '../dist/apps/ouvidoria-api/apps/ouvidoria-api/src/cli.js');

function runCli(dataDir: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** `npm run cli -- projections:rebuild <name>` against a running server: it never stops answering. */
describe('projections:rebuild while the server runs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('2026-04-01T10:00:00-03:00');
    for (let i = 0; i < 40; i++) await post(app.url, '/manifestations', complaint({ subject: `Caso ${i}` }));
  });
  afterAll(() => app.close());

  it('builds version 2 beside version 1, and the server switches to it with every query answered', async () => {
    const before = await get(app.url, '/manifestations?limit=100');
    expect(before.body.items).toHaveLength(40);

    const rebuild = runCli(app.dataDir, 'projections:rebuild', 'work-queue');
    let finished = false;
    void rebuild.then(() => (finished = true));
    const answers: number[] = [];
    // Queries and writes go on during the rebuild.
    while (!finished) {
      answers.push((await get(app.url, '/manifestations?limit=100')).status);
      await post(app.url, '/manifestations', complaint({ subject: 'Durante a reconstrução' }));
    }
    const { code, output } = await rebuild;
    expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/work-queue v2 is live/) });
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);

    const deadline = Date.now() + 5000;
    let health = await get(app.url, '/health');
    while (health.body.projections['work-queue'].version !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      health = await get(app.url, '/health');
    }
    expect(health.body.projections['work-queue']).toMatchObject({ version: 2, lagEvents: 0 });

    // A write after the switch shows in the new version.
    const written = await post(app.url, '/manifestations', complaint({ subject: 'Depois' }));
    const after = await get(app.url, `/manifestations?limit=100&minPosition=${written.headers.get('x-event-position')}`);
    expect(after.status).toBe(200);
    expect(after.body.items).toHaveLength(40 + answers.length + 1);
    expect(after.body.items.map((i: { protocol: string }) => i.protocol)).toEqual(
      expect.arrayContaining(before.body.items.map((i: { protocol: string }) => i.protocol)),
    );
  });

  it('refuses an unknown projection with exit 64, naming the ones there are', async () => {
    const { code, output } = await runCli(app.dataDir, 'projections:rebuild', 'nothing');
    expect(code).toBe(64);
    expect(output).toMatch(/no projection nothing/);
    expect(output).toMatch(/work-queue\|department-inbox\|rea/);
  });
});

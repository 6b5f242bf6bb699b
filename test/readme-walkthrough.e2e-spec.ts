import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_JWT_SECRET } from './support/auth';
import { get } from './support/http';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';

const ROOT = join(__dirname, '..');

/** The shell block of the README's "One case's life, with curl", exactly as a newcomer would paste it. */
function walkThrough(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf("## One case's life, with curl"));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README.md has no sh block under "One case\'s life"');
  return block[1];
}

/** Runs a script with bash, not interactively (no aliases, no history), from the repository's root. */
function runScript(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe("the README's walk-through", () => {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-readme-'));
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: dir });
  });
  afterAll(async () => {
    await kill9(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs as pasted, in a script: the case goes from registered to closed, and the SAC escalation is accepted', async () => {
    const { code, output } = await runScript(walkThrough(), { BASE: server.url, DATA_DIR: dir, JWT_SECRET: TEST_JWT_SECRET });

    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
    const protocol = /"protocol":"(\d{20})"/.exec(output)![1];
    const closed = await get(server.url, `/manifestations/${protocol}`);
    expect(closed.body).toMatchObject({ status: 'CLOSED', theme: 'COBERTURA_ASSISTENCIAL', satisfaction: { score: 5 } });
    expect(closed.body.forwardings).toEqual([expect.objectContaining({ department: 'regulacao', status: 'REPLIED' })]);
    expect(output).toMatch(/"escalationId":"sac-7781"|"sacProtocol":"SAC-2026-000999"/);
  });
});

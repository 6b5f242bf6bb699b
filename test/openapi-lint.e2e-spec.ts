import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The OpenAPI document the server serves at /docs-json passes Redocly's linter with the
 * `recommended` ruleset (redocly.yaml at the repository root): no error and no warning.
 */

const ROOT = join(__dirname, '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer?: string }>;
}

describe('OpenAPI lint (Redocly recommended)', () => {
  let app: TestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-openapi-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds no problem in the served document', async () => {
    const res = await get(app.url, '/docs-json');
    expect(res.status).toBe(200);
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.body, null, 2));
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json', '--max-problems', '1000'],
        {
          cwd: ROOT,
          // Nothing leaves the machine: no usage report, no check for a newer version.
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
      );
    });
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: LintProblem[];
    };
    const findings = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    expect({ code, findings, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, findings: [], stderr: '' });
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});

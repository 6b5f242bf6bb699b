import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (`npm run build`) through its `ouvidoria` bin, as `npm run cli` runs it. */
export const CLI_ENTRY = join(__dirname, '../../bin/ouvidoria.js');

/** The CLI's environment: no JWT_SECRET (the one in DATA_DIR), then the test's configuration. */
const cliEnv = (env: NodeJS.ProcessEnv) => ({ ...process.env, JWT_SECRET: '', ...env });

/** Runs `npm run cli -- <args>` on a data directory and waits for it. */
export const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI_ENTRY, ...args], { env: cliEnv({ DATA_DIR: dataDir }), encoding: 'utf8' });

/**
 * The same without blocking this process, with any configuration: for a store served by this
 * process (the KurrentDB wire test server), and for tests that go on while the command runs.
 */
export function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
}

/** `cliWith` on a data directory, with stdout and stderr as one output. */
export const cliInBackground = async (dataDir: string, ...args: string[]) => {
  const { status, stdout, stderr } = await cliWith({ DATA_DIR: dataDir }, ...args);
  return { code: status, output: stdout + stderr };
};

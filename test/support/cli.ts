import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (`npm run build`), as `npm run cli` runs it. */
export const CLI_ENTRY = join(__dirname, '../../dist/apps/ouvidoria-api/apps/ouvidoria-api/src/cli.js');

/** Runs `npm run cli -- <args>` on a data directory and waits for it (no JWT_SECRET: the one in DATA_DIR). */
export const cli = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI_ENTRY, ...args], { env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: '' }, encoding: 'utf8' });

/** The same, without blocking: the test goes on while the command runs. */
export function cliInBackground(dataDir: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bearer, TEST_JWT_SECRET } from './auth';
import { sendByDefault } from './http';

export const SERVER_ENTRY = join(__dirname, '../../dist/apps/ouvidoria-api/apps/ouvidoria-api/src/main.js');

/** As in `startTestApp`: seals only where a test asks for them, so that the log's length does not depend on timing. */
const TEST_SERVER_ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  NO_COLOR: '1',
  JWT_SECRET: TEST_JWT_SECRET,
  RATE_LIMIT_PER_MINUTE: '0',
  AUDIT_SEAL_INTERVAL_SECONDS: '3600',
};

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

/**
 * Starts the built server (`npm run build`) as its own OS process and waits until it prints
 * `listening on <url>`, then until its read models have caught up (see `waitUntilReady`) unless
 * `untilReady` is false. `nodeArgs` runs another entry point instead (the bench's ceilings).
 * Calls to it go as an `ouvidoria` user unless they say otherwise (see `sendByDefault`).
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [SERVER_ENTRY],
  { untilReady = nodeArgs[0] === SERVER_ENTRY }: { untilReady?: boolean } = {},
): Promise<ServerProcess> {
  const server = await spawnServer(env, nodeArgs);
  sendByDefault(server.url, await bearer('ouvidoria', 'analista'));
  if (untilReady) await waitUntilReady(server);
  return server;
}

/**
 * Polls `/health/ready` until every read model has caught up since start: 200, or a 503 for
 * another reason (a damaged event, the store down) that the test itself is about.
 */
async function waitUntilReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${server.url}/health/ready`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
      const { projections } = JSON.parse(last.slice(4)) as { projections?: Record<string, { caughtUp: boolean }> };
      if (projections && Object.values(projections).every((p) => p.caughtUp)) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server at ${server.url} did not become ready: ${last}\n${server.output()}`);
}

function spawnServer(env: NodeJS.ProcessEnv, nodeArgs: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, ...TEST_SERVER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('[::1]', '127.0.0.1'), child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, ...TEST_SERVER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

export function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { kurrentDbForTests } from './kurrentdb/test-url';
import { kill9, startServerProcess, type ServerProcess } from './server-process';

/** What every instance on one KurrentDB must share (tests only). */
export const SHARED_SECRETS = {
  PERSONAL_DATA_SECRET: 'e2e-only-personal-data-secret-0123456789',
  KEY_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
};

export interface TwoInstances {
  kurrent: Awaited<ReturnType<typeof kurrentDbForTests>>;
  env: NodeJS.ProcessEnv;
  instances: ServerProcess[];
  /** Starts one more instance on the same store (a restart of a killed one). */
  start(): Promise<ServerProcess>;
  close(): Promise<void>;
}

/**
 * Two server processes on one KurrentDB (the wire test server, or KURRENTDB_TEST_URL), each with its
 * own DATA_DIR (read models, relay memory), as behind a load balancer. Streams under a prefix of
 * their own, so that the suite can run on a shared real node.
 */
export async function startTwoInstances(extraEnv: NodeJS.ProcessEnv = {}): Promise<TwoInstances> {
  const kurrent = await kurrentDbForTests();
  const dirs: string[] = [];
  const env = {
    EVENT_STORE: 'kurrentdb',
    KURRENTDB_URL: kurrent.url,
    KURRENTDB_STREAM_PREFIX: `e2e${randomUUID().slice(0, 8)}-`,
    OPERATOR_ANS_REGISTRATION: '123456',
    PERSONAL_DATA_SECRET: SHARED_SECRETS.PERSONAL_DATA_SECRET,
    KEY_ENCRYPTION_KEY: SHARED_SECRETS.KEY_ENCRYPTION_KEY,
    ...extraEnv,
  };
  const started: ServerProcess[] = [];
  const start = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-instance-'));
    dirs.push(dir);
    const server = await startServerProcess({ ...env, DATA_DIR: dir });
    started.push(server);
    return server;
  };
  const instances = [await start(), await start()];
  return {
    kurrent,
    env,
    instances,
    start,
    async close() {
      for (const server of started) if (server.child.exitCode === null && server.child.signalCode === null) await kill9(server.child);
      await kurrent.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { openDatabase, SqliteEventStore } from '@app/event-store';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkStoredFormat } from '../apps/ouvidoria-api/src/personal-data/stored-format';
import { kill9, startServerProcess, type ServerProcess } from '../test/support/server-process';
import { generateLog } from '../test/support/generated-log';

export interface StartUpResult {
  events: number;
  /** Seconds from spawning the server until it answers, on an empty DATA_DIR: the baseline. */
  emptyListenS: number;
  /**
   * The same on the large log once its read models are gone (an upgrade that changed their schema,
   * a lost read-model folder), everything else up to date: the sealer and the dispatcher have
   * followed the log before.
   */
  firstListenS: number;
  /** Until /health/ready is 200 on that first start: the read models' catch-up. */
  firstReadyS: number;
  /** A restart on the same log with the read models in place: until it answers, until ready. */
  restartListenS: number;
  restartReadyS: number;
}

/** The sealer seals every this many events (AUDIT_SEAL_MAX_EVENTS); a graceful stop seals the rest. */
const SEAL_EVERY = 1000;

async function sealedUpTo(server: ServerProcess, position: number): Promise<void> {
  for (;;) {
    const res = await fetch(`${server.url}/health`);
    const body = (await res.json()) as { audit: { lastSeal: { position: number } | null } };
    if ((body.audit.lastSeal?.position ?? 0) >= position) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** SIGTERM, as an upgrade or a restart does: the last seal covers the rest. */
async function stop(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function timed(dataDir: string): Promise<{ server: ServerProcess; listenS: number; readyS: number }> {
  const started = performance.now();
  const server = await startServerProcess({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456' }, undefined, { untilReady: false });
  const listenS = (performance.now() - started) / 1000;
  for (;;) {
    const res = await fetch(`${server.url}/health/ready`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { server, listenS, readyS: (performance.now() - started) / 1000 };
}

/** How soon a server answers on an empty folder, on a large log without read models, and on a restart with them. */
export async function startUpBench(dir: string, cases: number): Promise<StartUpResult> {
  const empty = await timed(join(dir, 'empty'));
  await kill9(empty.server.child);

  const dataDir = join(dir, 'large');
  mkdirSync(dataDir, { recursive: true });
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  await checkStoredFormat(store);
  await store.close();
  const writer = openDatabase(join(dataDir, 'events.sqlite'), 'NORMAL');
  const events = generateLog(writer, cases) + 1;
  writer.close();

  // What an installation has before it loses its read models: a server that followed the whole log
  // (the sealer, the notification dispatcher), stopped gracefully. Then the read-model folder goes.
  const primed = await timed(dataDir);
  await sealedUpTo(primed.server, events - SEAL_EVERY);
  await stop(primed.server);
  rmSync(join(dataDir, 'read-models'), { recursive: true, force: true });

  const first = await timed(dataDir);
  await stop(first.server);
  const restart = await timed(dataDir);
  await kill9(restart.server.child);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    events,
    emptyListenS: empty.listenS,
    firstListenS: first.listenS,
    firstReadyS: first.readyS,
    restartListenS: restart.listenS,
    restartReadyS: restart.readyS,
  };
}

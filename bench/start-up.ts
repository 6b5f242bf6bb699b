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
  /** The same on the large log with no read models (a first start after an upgrade or a lost read-model folder). */
  firstListenS: number;
  /** Until /health/ready is 200 on that first start: the read models' catch-up. */
  firstReadyS: number;
  /** A restart on the same log with the read models in place: until it answers, until ready. */
  restartListenS: number;
  restartReadyS: number;
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

  const first = await timed(dataDir);
  // A graceful stop, as an upgrade or a restart does.
  const stopped = new Promise((resolve) => first.server.child.once('exit', resolve));
  first.server.child.kill('SIGTERM');
  await stopped;
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

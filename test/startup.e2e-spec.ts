import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, SqliteEventStore } from '@app/event-store';
import { checkStoredFormat } from '../apps/ouvidoria-api/src/personal-data/stored-format';
import { complaint } from './support/fixtures';
import { generateLog } from './support/generated-log';
import { get, post } from './support/http';
import { kill9, runServerToExit, startServerProcess, type ServerProcess } from './support/server-process';

/** What the operator reads when the server cannot start: one line naming the cause, no stack trace, a non-zero exit. */
function expectOneLine(result: { code: number | null; output: string }, cause: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.output.trim().split('\n');
  expect(lines[lines.length - 1]).toMatch(cause);
  expect(result.output).not.toMatch(/\n\s+at /);
}

describe('starting the server', () => {
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-startup-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (env: NodeJS.ProcessEnv, options?: { untilReady?: boolean }) => {
    const server = await startServerProcess(env, undefined, options);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) await kill9(server.child);
  });
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is live at once and ready once its read models have caught up', async () => {
    const server = await start({ DATA_DIR: dataDir() });

    expect(await get(server.url, '/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    const ready = await get(server.url, '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.projections['work-queue']).toMatchObject({ caughtUp: true, lagEvents: 0 });
  });

  it('on a long log without read models, answers at once: writes work, reads answer 503 READ_MODEL_BEHIND until it is ready', async () => {
    // 40,000 cases (about 76,000 events) written straight into a log: seconds of catch-up.
    const dir = dataDir();
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await checkStoredFormat(store);
    await store.close();
    const writer = openDatabase(join(dir, 'events.sqlite'), 'NORMAL');
    const events = generateLog(writer, 40_000) + 1;
    writer.close();

    const server = await start({ DATA_DIR: dir }, { untilReady: false });
    expect((await get(server.url, '/health/live')).status).toBe(200);
    const notReady = await get(server.url, '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('retry-after')).toBe('5');
    expect(notReady.body).toMatchObject({ code: 'NOT_READY', reasons: expect.arrayContaining([expect.stringMatching(/catching up/)]) });
    expect(notReady.body.projections['work-queue']).toMatchObject({ caughtUp: false });
    const behind = await get(server.url, '/manifestations');
    expect(behind.status).toBe(503);
    expect(behind.body.code).toBe('READ_MODEL_BEHIND');
    expect(behind.headers.get('retry-after')).toBe('5');
    const written = await post(server.url, '/manifestations', complaint());
    expect(written.status).toBe(201);

    const deadline = Date.now() + 50_000;
    while ((await get(server.url, '/health/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('not ready after 50 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const queue = await get(server.url, `/manifestations?limit=1&minPosition=${written.headers.get('x-event-position')}`);
    expect(queue.status).toBe(200);
    const stats = await get(server.url, '/stats');
    expect(stats.body.open).toBeGreaterThan(0);
    expect(Number(written.headers.get('x-event-position'))).toBeGreaterThan(events);
  });

  it('refuses a second server on the same DATA_DIR, naming the holder; after a kill -9 the folder is free again', async () => {
    const dir = dataDir();
    const first = await start({ DATA_DIR: dir });

    expectOneLine(
      await runServerToExit({ DATA_DIR: dir }),
      new RegExp(`DATA_DIR ${dir} is in use by another server \\(process ${first.child.pid} on `),
    );

    await kill9(first.child);
    const next = await start({ DATA_DIR: dir });
    expect((await get(next.url, '/health/ready')).status).toBe(200);
  });

  it('says in one line that the port is in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      expectOneLine(
        await runServerToExit({ DATA_DIR: dataDir(), PORT: String(port) }),
        new RegExp(`127.0.0.1:${port} is already in use by another process`),
      );
    } finally {
      taken.close();
    }
  });

  it('says in one line that DATA_DIR is not a folder it can write', async () => {
    const file = join(dataDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    expectOneLine(await runServerToExit({ DATA_DIR: join(file, 'data') }), /DATA_DIR .*a-file\/data is not a folder \(ENOTDIR\)/);

    const readOnly = mkdtempSync(join(tmpdir(), 'ouvidoria-read-only-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnly], { stdio: 'pipe' });
    } catch {
      // Not root: a folder without write permission does the same.
      execFileSync('chmod', ['500', readOnly]);
      expectOneLine(await runServerToExit({ DATA_DIR: readOnly }), /is not writable by this user \(uid \d+\) \(EACCES\)/);
      return rmdirSync(readOnly);
    }
    try {
      expectOneLine(await runServerToExit({ DATA_DIR: readOnly }), /DATA_DIR .* is not writable by this user \(uid 0\) \(EROFS\)/);
    } finally {
      execFileSync('umount', [readOnly]);
      rmdirSync(readOnly);
    }
  });

  it('says in one line that the identity provider does not answer', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));

    expectOneLine(
      await runServerToExit({
        DATA_DIR: dataDir(),
        JWT_SECRET: '',
        JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
        JWT_AUDIENCE: 'ouvidoria',
      }),
      new RegExp(`JWT_JWKS_URL http://127.0.0.1:${port}/jwks.json does not answer \\(ECONNREFUSED\\)`),
    );
  });
});

import type { ManifestationEvent } from '@app/domain';
import { SqliteEventStore, type AppendResult } from '@app/event-store';
import type Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answered, forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDirectory } from './read-model-storage';
import { rebuildProjection } from './rebuild-projection';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const protocolOf = (i: number) => `1234562026040100${String(1000 + i).padStart(4, '0')}`;
const queueOf = (db: Database.Database) => db.prepare('SELECT * FROM work_queue ORDER BY protocol').all();
const filesIn = (dir: string) => fs.readdirSync(dir).sort();

/** Rebuild beside the live version, switch without stopping: on real SQLite files. */
describe('rebuildProjection and the switch', () => {
  let dir: string;
  let store: SqliteEventStore;
  let storage: ReadModelDirectory;
  let runners: ProjectionRunner[];

  const append = (protocol: string, ...events: ManifestationEvent[]): Promise<AppendResult> =>
    store.append(
      `manifestation-${protocol}`,
      events.map((e) => newEvent(e.type, e.data, '2026-04-01T13:00:00.000Z')),
      'any',
    );
  const startRunner = async () => {
    const runner = new ProjectionRunner(
      store,
      storage,
      [new WorkQueueProjection()],
      () => new Date(),
      (e) => {
        throw e;
      },
    );
    runners.push(runner);
    await runner.start();
    return runner;
  };
  /** What one clean run over the whole log gives. */
  const cleanReplay = async () => {
    const clean = new ReadModelDirectory(path.join(dir, `clean-${randomUUID()}`));
    const { version } = await rebuildProjection(store, clean, new WorkQueueProjection());
    const db = clean.open('work-queue', version);
    try {
      return queueOf(db);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rebuild-'));
    store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    storage = new ReadModelDirectory(path.join(dir, 'read-models'));
    runners = [];
    for (let i = 0; i < 1200; i++) await append(protocolOf(i), registered({ protocol: protocolOf(i) }));
  });

  afterEach(async () => {
    for (const runner of runners) await runner.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds version 2 while version 1 keeps serving, switches between batches, then follows the log', async () => {
    const runner = await startRunner();
    const before = queueOf(runner.database('work-queue'));
    expect(before).toHaveLength(1200);

    // Appends keep landing during the rebuild; the live version keeps answering.
    let appended = 0;
    const progress: bigint[] = [];
    const result = await rebuildProjection(store, storage, new WorkQueueProjection(), (position) => {
      progress.push(position);
      expect(queueOf(runner.database('work-queue')).length).toBeGreaterThanOrEqual(1200);
      const protocol = protocolOf(2000 + appended++);
      void append(protocol, registered({ protocol }));
    });
    expect(result).toMatchObject({ name: 'work-queue', version: 2 });
    expect(progress.length).toBeGreaterThan(1); // it went in batches
    expect(storage.activeVersion('work-queue')).toBe(2);

    const last = await append(protocolOf(0), forwarded('fw-1', 'regulacao'), replied('fw-1', 'regulacao'), answered());
    expect(await runner.waitFor('work-queue', last.position, 3000)).toBe(true);
    expect(runner.version('work-queue')).toBe(2);
    expect(queueOf(runner.database('work-queue'))).toEqual(await cleanReplay());
    expect(filesIn(storage.dir).filter((f) => f.includes('.v'))).toEqual([
      'work-queue.v2.sqlite',
      'work-queue.v2.sqlite-shm',
      'work-queue.v2.sqlite-wal',
    ]);
  });

  it('switches on its own within a second when nothing is appended', async () => {
    const runner = await startRunner();
    await rebuildProjection(store, storage, new WorkQueueProjection());
    const deadline = Date.now() + 3000;
    while (runner.version('work-queue') !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(runner.version('work-queue')).toBe(2);
    expect(queueOf(runner.database('work-queue'))).toHaveLength(1200);
  });

  it('is picked up at the next start when no server was running, which removes the old version', async () => {
    await (await startRunner()).close();
    await rebuildProjection(store, storage, new WorkQueueProjection());
    const runner = await startRunner();
    expect(runner.version('work-queue')).toBe(2);
    expect(filesIn(storage.dir)).not.toContain('work-queue.v1.sqlite');
  });

  it('starts over after an interrupted rebuild', async () => {
    // What a rebuild killed half-way leaves: a v2 file that never went live, with rows in it.
    const partial = storage.open('work-queue', 2);
    partial.exec("CREATE TABLE work_queue (protocol TEXT PRIMARY KEY); INSERT INTO work_queue VALUES ('junk')");
    partial.close();

    const result = await rebuildProjection(store, storage, new WorkQueueProjection());
    expect(result).toMatchObject({ version: 2, events: 1200 });
    const db = storage.open('work-queue', 2);
    expect(queueOf(db)).toEqual(await cleanReplay());
    db.close();
  });

  it('refuses to race a rebuild another process runs, and takes over once that process is killed', async () => {
    const lockFile = path.join(storage.dir, 'work-queue.rebuild.lock');
    const holder = spawn(process.execPath, ['-e', LOCK_HOLDER, lockFile], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));

    await expect(rebuildProjection(store, storage, new WorkQueueProjection())).rejects.toThrow(
      'a rebuild of work-queue is already running',
    );
    expect(storage.activeVersion('work-queue')).toBe(1);

    await new Promise((resolve) => {
      holder.once('exit', resolve);
      holder.kill('SIGKILL');
    });
    await expect(rebuildProjection(store, storage, new WorkQueueProjection())).resolves.toMatchObject({ version: 2 });
  });
});

/** Another process in the middle of a rebuild: it holds the lock and never lets go by itself. */
const LOCK_HOLDER = `
  const db = new (require('better-sqlite3'))(process.argv[1]);
  db.exec('BEGIN EXCLUSIVE');
  process.stdout.write('locked\\n');
  setInterval(() => {}, 1000);
`;

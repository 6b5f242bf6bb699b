import { SqliteEventStore, type EventStore } from '@app/event-store';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { loadConfig } from '../config/app-config';
import { ProblemException } from '../problems/problem';
import { WorkQueueProjection, WORK_QUEUE } from '../work-queue/work-queue.projection';
import { ReadModels } from './read-models';

/** The store, with reads of the log held until the test lets them go: a catch-up that takes as long as the test wants. */
function heldReads(store: EventStore): { store: EventStore; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll') return async (...args: Parameters<EventStore['readAll']>) => (await gate, target.readAll(...args));
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: held, release };
}

describe('ReadModels while they catch up after start (real SQLite files)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readModels: ReadModels | undefined;
  let release = () => undefined as void;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-models-catch-up-'));
    store = new SqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    for (let i = 1; i <= 3; i++) {
      const event = registered({ protocol: `1234562026040100000${i}` });
      await store.append(`manifestation-1234562026040100000${i}`, [newEvent(event.type, event.data)], 'no_stream');
    }
  });

  afterEach(async () => {
    // A failed expectation before the test let the reads go must not leave close() waiting on them.
    release();
    await readModels?.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts without waiting, answers 503 READ_MODEL_BEHIND until caught up, then serves the whole log', async () => {
    const held = heldReads(store);
    release = held.release;
    const slow = held.store;
    const config = loadConfig({ DATA_DIR: dir, OPERATOR_ANS_REGISTRATION: '123456', JWT_SECRET: 'x'.repeat(32) });
    readModels = new ReadModels(slow, slow, config, { now: () => new Date('2026-04-01T13:00:00Z') });
    readModels.register(new WorkQueueProjection());
    let ready = false;
    void readModels.ready.then(() => (ready = true));

    readModels.start();

    expect(readModels.hasCaughtUp(WORK_QUEUE)).toBe(false);
    let refused: unknown;
    try {
      readModels.database(WORK_QUEUE);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).problem).toMatchObject({ status: 503, code: 'READ_MODEL_BEHIND' });
    expect((refused as ProblemException).headers).toEqual({ 'retry-after': '5' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ready).toBe(false);

    release();
    await readModels.ready;
    expect(readModels.hasCaughtUp(WORK_QUEUE)).toBe(true);
    const rows = readModels.database(WORK_QUEUE).prepare('SELECT count(*) AS n FROM work_queue').get() as { n: number };
    expect(rows.n).toBe(3);
  });
});

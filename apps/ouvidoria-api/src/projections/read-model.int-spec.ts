import { openDatabase, SqliteEventStore } from '@app/event-store';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from './projection';
import { ReadModel } from './read-model';
import { ReadModelDirectory } from './read-model-storage';
import { ProjectionRunner } from './projection-runner';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const projection = (schemaVersion: number, columns: string): Projection => ({
  name: 'things',
  schemaVersion,
  migrate: (db: Database.Database) => db.exec(`CREATE TABLE IF NOT EXISTS things (${columns})`),
  apply: () => undefined,
});

/** Read-model files carry their projection's schema version: another version's file is rebuilt, never reused. */
describe('ReadModel.open (real files)', () => {
  let dir: string;
  let storage: ReadModelDirectory;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-model-'));
    storage = new ReadModelDirectory(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds a file of another version, even one that never held a checkpoint', () => {
    const old = ReadModel.open(storage, projection(1, 'id TEXT'), 1);
    old.db.close();
    const current = ReadModel.open(storage, projection(2, 'id TEXT, name TEXT NOT NULL'), 1);
    expect(current.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'things'").get()).toEqual({
      sql: 'CREATE TABLE things (id TEXT, name TEXT NOT NULL)',
    });
    expect(current.db.pragma('user_version', { simple: true })).toBe(2);
    current.db.close();
  });

  it('rebuilds a file written before versions were kept, and keeps one of its own version', () => {
    const legacy = openDatabase(join(dir, 'things.v1.sqlite'), 'NORMAL');
    legacy.exec('CREATE TABLE things (id TEXT); INSERT INTO things VALUES (1)');
    legacy.close();
    const model = ReadModel.open(storage, projection(1, 'id TEXT'), 1);
    expect(model.db.prepare('SELECT count(*) AS n FROM things').get()).toEqual({ n: 0 });
    model.db.prepare('INSERT INTO things VALUES (2)').run();
    model.db.close();
    const again = ReadModel.open(storage, projection(1, 'id TEXT'), 1);
    expect(again.db.prepare('SELECT count(*) AS n FROM things').get()).toEqual({ n: 1 });
    again.db.close();
  });

  it('closes the file when the projection cannot open it', () => {
    const failing = {
      ...projection(1, 'id TEXT'),
      migrate: () => {
        throw new Error('no room');
      },
    };
    expect(() => ReadModel.open(storage, failing, 1)).toThrow('no room');
    rmSync(join(dir, 'things.v1.sqlite')); // an open handle would keep the WAL files
  });
});

/** Remembers the ids of the events it applied. */
const idsSeen: Projection = {
  name: 'seen',
  schemaVersion: 1,
  migrate: (db) => db.exec('CREATE TABLE IF NOT EXISTS seen (id TEXT PRIMARY KEY)'),
  apply: (db, event) => void db.prepare('INSERT INTO seen VALUES (?)').run(event.id),
};

describe('a read model and the log it was built from (real files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'read-model-log-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const logWith = async (file: string, count: number) => {
    const store = new SqliteEventStore({ file: join(dir, file) });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const event = newEvent('ThingHappened', { i });
      ids.push(event.id);
      await store.append(`thing-${i}`, [event], 'no_stream');
    }
    return { store, ids };
  };
  const follow = async (store: SqliteEventStore, log: string[]) => {
    const runner = new ProjectionRunner(
      store,
      new ReadModelDirectory(join(dir, 'read-models')),
      [idsSeen],
      () => new Date(),
      undefined,
      (m) => log.push(m),
    );
    await runner.start();
    const seen = (runner.database('seen').prepare('SELECT id FROM seen').all() as Array<{ id: string }>).map((r) => r.id);
    await runner.close();
    return seen.sort();
  };

  it('is rebuilt from this log when its checkpoint names an event this log does not hold there', async () => {
    const first = await logWith('first.sqlite', 3);
    const log: string[] = [];
    expect(await follow(first.store, log)).toEqual([...first.ids].sort());
    await first.store.append('thing-0', [newEvent('ThingHappened')], 0n);
    // Same positions, other events: another log (another store, a restore of an older backup).
    const second = await logWith('second.sqlite', 5);
    expect(await follow(second.store, log)).toEqual([...second.ids].sort());
    expect(log).toEqual([expect.stringMatching(/^read model seen v1 was built from another log .*: rebuilding it from this log$/)]);
    await first.store.close();
    await second.store.close();
  });

  it('trusts a checkpoint written before checkpoints named their event, and names it from then on', async () => {
    const { store, ids } = await logWith('events.sqlite', 3);
    const legacy = openDatabase(join(dir, 'read-models', 'seen.v1.sqlite'), 'NORMAL');
    legacy.exec(`CREATE TABLE seen (id TEXT PRIMARY KEY); CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
      INSERT INTO seen VALUES ('${ids[0]}'), ('${ids[1]}'); INSERT INTO projection_checkpoints VALUES ('seen', 2); PRAGMA user_version = 1;`);
    legacy.close();
    const log: string[] = [];
    expect(await follow(store, log)).toEqual([...ids].sort());
    expect(log).toEqual([]);
    await store.close();
  });

  it('resumes from its checkpoint on the log it was built from', async () => {
    const { store, ids } = await logWith('events.sqlite', 3);
    const log: string[] = [];
    await follow(store, log);
    const later = newEvent('ThingHappened');
    await store.append('thing-9', [later], 'no_stream');
    expect(await follow(store, log)).toEqual([...ids, later.id].sort());
    expect(log).toEqual([]);
    await store.close();
  });
});

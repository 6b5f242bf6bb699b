import { openDatabase } from '@app/event-store';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from './projection';
import { ReadModel } from './read-model';
import { ReadModelDirectory } from './read-model-storage';

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

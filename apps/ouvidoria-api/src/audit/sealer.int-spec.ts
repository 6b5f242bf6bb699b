import { SEAL_STREAM, SqliteEventStore, type NewEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { latestSeal } from './seal-stream';
import { Sealer } from './sealer';
import { verifyLog } from './verify-log';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const NOW = new Date('2026-04-01T13:00:00.000Z');
const event = (): NewEvent => newEvent('Something', {}, NOW.toISOString());

/** Seals on real SQLite files: what they cover, who may write them, and a log whose positions changed. */
describe('Sealer', () => {
  let dir: string;
  let store: SqliteEventStore;
  const sealer = (options = { intervalMs: 60_000, maxEvents: 1000 }, on = store) => new Sealer(on, () => NOW, randomUUID, options);
  const append = async (n: number, stream = 'case-1') => {
    for (let i = 0; i < n; i++) await store.append(stream, [event()], 'any');
  };
  const sealsStored = async (on = store) => (await on.readStream(SEAL_STREAM)).length;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-sealer-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), now: () => NOW });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals nothing on an empty log, then everything there is, and nothing again until other events come', async () => {
    const s = sealer();
    expect(await s.seal()).toBeNull();
    await append(3);
    const first = await s.seal();
    expect(first).toMatchObject({ events: 3, lastPosition: '3' });
    expect(await s.seal()).toEqual(first);
    expect(await sealsStored()).toBe(1);
    await append(1, 'case-2');
    expect(await s.seal()).toMatchObject({ events: 5 }); // the first seal counts too
    expect(await verifyLog(store)).toMatchObject({ broken: null, seals: 2, events: 6 });
  });

  it('lets several sealers on one store extend one chain of seals, never fork it', async () => {
    const [a, b, c] = [sealer(), sealer(), sealer()];
    for (let round = 0; round < 5; round++) {
      await append(2);
      await Promise.all([a.seal(), b.seal(), c.seal()]);
    }
    const report = await verifyLog(store);
    expect(report.broken).toBeNull();
    expect(report.seals).toBe(await sealsStored());
    expect(report.seals).toBeGreaterThanOrEqual(5);
  });

  it('seals when the unsealed events reach maxEvents, and once more when stopped', async () => {
    const s = sealer({ intervalMs: 60_000, maxEvents: 10 });
    s.start();
    await append(12);
    for (let i = 0; i < 100 && (await sealsStored()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await sealsStored()).toBe(1);
    await append(3);
    await s.stop();
    const latest = await latestSeal(store);
    expect(latest?.seal).toMatchObject({ events: 16, lastPosition: String((await store.lastPosition()) - 1n) });
  });

  it('goes on from a seal made in a store with other positions (a copied log) by rolling from the start', async () => {
    await append(4);
    await sealer().seal();
    await store.close();
    // The same events at other positions, as a copy into another store would have them.
    const copy = join(dir, 'copy.sqlite');
    const target = new SqliteEventStore({ file: copy, now: () => NOW });
    await target.close();
    const db = new Database(copy);
    db.exec(
      `ATTACH '${join(dir, 'events.sqlite')}' AS source; INSERT INTO events SELECT position + 100, stream_id, revision, event_id, type, data, metadata, recorded_at, hash FROM source.events ORDER BY position`,
    );
    db.close();
    store = new SqliteEventStore({ file: copy, now: () => NOW });
    expect(await verifyLog(store)).toMatchObject({ broken: null, seals: 1 });
    await append(1);
    expect(await sealer().seal()).toMatchObject({ events: 6, lastPosition: '106' });
    expect(await verifyLog(store)).toMatchObject({ broken: null, seals: 2 });
  });
});

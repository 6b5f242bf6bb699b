import { formatAnchor, KurrentDbEventStore, SqliteEventStore, StreamDailySequence, type NewEvent } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kurrentDbForTests } from '../../../../test/support/kurrentdb/test-url';
import { Sealer, verifyLog } from '../audit';
import { copyStore } from './store-copy';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';

const event = (type = 'Something'): NewEvent => newEvent(type, { n: Math.random() }, '2026-04-01T13:00:00.000Z');

/** Moving an embedded log into KurrentDB: everything as recorded, resumable, and the seals still hold there. */
describe('copyStore (a real SQLite file into KurrentDB on the wire)', () => {
  let dir: string;
  let source: SqliteEventStore;
  let target: KurrentDbEventStore;
  let backend: Awaited<ReturnType<typeof kurrentDbForTests>>;
  const prefix = `copy${randomUUID().slice(0, 8)}-`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'store-copy-'));
    source = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    backend = await kurrentDbForTests();
    target = new KurrentDbEventStore({ url: backend.url, streamPrefix: prefix });
    for (let i = 0; i < 30; i++) await source.append(`manifestation-${i % 7}`, [event(), event()], 'any');
    await new Sealer(source, () => new Date(), randomUUID, { intervalMs: 60_000, maxEvents: 1000 }).seal();
    await source.append('manifestation-1', [event()], 'any');
  });
  afterAll(async () => {
    await target.close();
    await source.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every event with its id, revision, metadata, recording instant and hash, in order', async () => {
    const done = await copyStore(source, target, []);
    const from = await source.readAll({ after: 0n, maxCount: 1000 });
    const to = await target.readAll({ after: 0n, maxCount: 1000 });
    expect(done).toEqual({ read: from.length, copied: from.length });
    const strip = ({ position: _position, ...rest }: (typeof from)[number]) => rest;
    expect(to.map(strip)).toEqual(from.map(strip));
  });

  it("leaves a target whose chains and seals verify, and where the source's anchor holds", async () => {
    const anchor = (await new Sealer(source, () => new Date(), randomUUID, { intervalMs: 60_000, maxEvents: 1000 }).seal())!;
    await copyStore(source, target, []);
    expect(await verifyLog(target, anchor)).toMatchObject({ broken: null, seals: 2 });
    expect(formatAnchor(anchor)).toMatch(/^seal:/);
  });

  it('resumes: what the target holds is skipped, what came since is copied', async () => {
    expect(await copyStore(source, target, [])).toMatchObject({ copied: 0 });
    await source.append('manifestation-2', [event()], 'any');
    await source.append('manifestation-new', [event()], 'no_stream');
    expect(await copyStore(source, target, [])).toMatchObject({ copied: 2 });
    expect((await verifyLog(target)).broken).toBeNull();
  });

  it("carries the source's protocol counters over, so the target never hands a number out again", async () => {
    const counters = source.dailySequence();
    for (let i = 0; i < 3; i++) await counters.next('20260401');
    await counters.next('20260402');
    await copyStore(source, target, counters.counters());
    await copyStore(source, target, counters.counters()); // a resumed copy raises nothing twice
    const onTarget = new StreamDailySequence(target);
    expect(await onTarget.next('20260401')).toBe(4);
    expect(await onTarget.next('20260402')).toBe(2);
    expect(await onTarget.next('20260403')).toBe(1);
  });
});

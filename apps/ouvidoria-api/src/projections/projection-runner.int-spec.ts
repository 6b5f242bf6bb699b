import type { ManifestationEvent } from '@app/domain';
import { openDatabase, SqliteEventStore, type AppendResult, type RecordedEvent } from '@app/event-store';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answered, closed, forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { oneDatabase } from '../../test-support/one-database';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const T0 = new Date('2026-04-01T13:00:00.000Z');
const A = '12345620260401000001';
const B = '12345620260401000002';
const C = '12345620260401000003';

/** Counts the events it applied per type: a replay or a lost event shows in the counts. */
class EventCounts implements Projection {
  readonly name = 'event-counts';
  // Shares one database with the work queue here (`oneDatabase`), whose user_version is one number for both.
  readonly schemaVersion = new WorkQueueProjection().schemaVersion;

  migrate(db: Database.Database): void {
    db.exec('CREATE TABLE IF NOT EXISTS event_counts (type TEXT PRIMARY KEY, count INTEGER NOT NULL)');
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    db.prepare('INSERT INTO event_counts (type, count) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET count = count + 1').run(event.type);
  }
}

/** The same projection, crashing on its `nth` event (counted from this instance's start), `times` times. */
function crashingOn<T extends Projection>(projection: T, nth: number, times = Infinity): T {
  let applied = 0;
  let crashes = 0;
  const apply = projection.apply.bind(projection);
  projection.apply = (db, event) => {
    applied++;
    if (applied >= nth && crashes < times) {
      crashes++;
      throw new Error(`crash at position ${event.position}`);
    }
    apply(db, event);
  };
  return projection;
}

/** Everything the projections wrote, in a stable order, to compare two read models row by row. */
function contents(db: Database.Database) {
  return {
    counts: db.prepare('SELECT * FROM event_counts ORDER BY type').all(),
    queue: db.prepare('SELECT * FROM work_queue ORDER BY protocol').all(),
    forwardings: db.prepare('SELECT * FROM work_queue_forwardings ORDER BY forwarding_id').all(),
    checkpoints: db.prepare('SELECT * FROM projection_checkpoints ORDER BY name').all(),
  };
}

const registration = (protocol: string) => registered({ protocol });

describe('ProjectionRunner (real SQLite files)', () => {
  let dir: string;
  let clock: Date;
  let store: SqliteEventStore;
  let readModel: Database.Database;
  let runners: ProjectionRunner[];
  let databases: Database.Database[];

  const openStore = () => new SqliteEventStore({ file: path.join(dir, 'events.sqlite'), now: () => clock });
  const openReadModel = (file = 'read-models.sqlite') => {
    const db = openDatabase(path.join(dir, file), 'NORMAL');
    databases.push(db);
    return db;
  };
  const runner = (
    projections: Projection[],
    options: { db?: Database.Database; now?: () => Date; onError?: (error: unknown) => void; log?: (message: string) => void } = {},
  ) => {
    const created = new ProjectionRunner(
      store,
      oneDatabase(options.db ?? readModel),
      projections,
      options.now ?? (() => clock),
      options.onError,
      options.log,
    );
    runners.push(created);
    return created;
  };

  /** Appends domain events to a case stream, as the command path does. */
  const append = (protocol: string, ...events: ManifestationEvent[]): Promise<AppendResult> =>
    appendTo(
      `manifestation-${protocol}`,
      events.map((e) => ({ type: e.type, data: e.data as unknown as Record<string, unknown> })),
    );
  const appendTo = (streamId: string, events: Array<{ type: string; data: Record<string, unknown> }>) =>
    store.append(
      streamId,
      events.map(({ type, data }) => {
        const id = randomUUID();
        return {
          id,
          type,
          data,
          metadata: {
            eventId: id,
            occurredAt: clock.toISOString(),
            actor: { sub: 'tester', role: 'ouvidoria' },
            correlationId: id,
            causationId: id,
          },
        };
      }),
      'any',
    );

  /** A fresh read model built by one clean run over the whole log. */
  async function cleanReplay() {
    const db = openReadModel(`replay-${randomUUID()}.sqlite`);
    const clean = runner([new EventCounts(), new WorkQueueProjection()], { db });
    await clean.start();
    await clean.stop();
    return contents(db);
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'projection-runner-'));
    clock = T0;
    runners = [];
    databases = [];
    store = openStore();
    readModel = openReadModel();
  });

  afterEach(async () => {
    for (const r of runners) await r.stop();
    for (const db of databases) if (db.open) db.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('catches up at start from a log written before, and records where each projection stands', async () => {
    await append(A, registration(A), forwarded('fw-1', 'regulacao'));
    const last = await append(B, registration(B), answered(), closed());
    const r = runner([new EventCounts(), new WorkQueueProjection()]);
    expect(r.position('work-queue')).toBe(0n);

    await r.start();

    expect(last.position).toBe(5n);
    expect([r.position('event-counts'), r.position('work-queue')]).toEqual([5n, 5n]);
    expect(contents(readModel)).toEqual({
      counts: [
        { type: 'ForwardedToManagement', count: 1 },
        { type: 'ManifestationAnswered', count: 1 },
        { type: 'ManifestationClosed', count: 1 },
        { type: 'ManifestationRegistered', count: 2 },
      ],
      queue: [expect.objectContaining({ protocol: A, status: 'OPEN' }), expect.objectContaining({ protocol: B, status: 'CLOSED' })],
      forwardings: [expect.objectContaining({ forwarding_id: 'fw-1', protocol: A, department: 'regulacao', status: 'PENDING' })],
      checkpoints: [
        { name: 'event-counts', position: 5, event_id: (await store.eventAt(5n))!.id },
        { name: 'work-queue', position: 5, event_id: (await store.eventAt(5n))!.id },
      ],
    });
  });

  it('follows appends after start: waitFor resolves once the tables show them', async () => {
    const r = runner([new EventCounts(), new WorkQueueProjection()]);
    await r.start();

    const first = await append(A, registration(A), forwarded('fw-1', 'regulacao'));
    expect(await r.waitFor('work-queue', first.position, 2000)).toBe(true);
    expect(contents(readModel).queue).toEqual([expect.objectContaining({ protocol: A, status: 'OPEN' })]);
    expect(contents(readModel).forwardings).toEqual([expect.objectContaining({ forwarding_id: 'fw-1', status: 'PENDING' })]);

    const second = await append(A, replied('fw-1', 'regulacao'), answered());
    expect(await r.waitFor('work-queue', second.position, 2000)).toBe(true);
    expect(contents(readModel).queue).toEqual([expect.objectContaining({ protocol: A, status: 'ANSWERED' })]);
    expect(contents(readModel).forwardings).toEqual([expect.objectContaining({ forwarding_id: 'fw-1', status: 'REPLIED' })]);
    expect(await r.waitFor('event-counts', second.position, 2000)).toBe(true);
    expect(r.position('event-counts')).toBe(4n);

    // A position already applied answers at once.
    expect(await r.waitFor('work-queue', 1n, 0)).toBe(true);
  });

  it('applies appends that land while a catch-up is running, each exactly once', async () => {
    const r = runner([new EventCounts()]);
    await r.start();
    const protocols = Array.from({ length: 30 }, (_, i) => `1234562026040100${String(100 + i).padStart(4, '0')}`);

    const results = await Promise.all(protocols.map((p) => append(p, registration(p))));
    const last = results.reduce((max, res) => (res.position > max ? res.position : max), 0n);
    for (const p of protocols.slice(0, 5)) await append(p, answered());

    expect(await r.waitFor('event-counts', last + 5n, 2000)).toBe(true);
    expect(readModel.prepare('SELECT * FROM event_counts ORDER BY type').all()).toEqual([
      { type: 'ManifestationAnswered', count: 5 },
      { type: 'ManifestationRegistered', count: 30 },
    ]);
  });

  it('does not replay at start when its checkpoint is current, and applies only what was appended while stopped', async () => {
    await append(A, registration(A), forwarded('fw-1', 'regulacao'));
    const first = runner([new EventCounts(), new WorkQueueProjection()]);
    await first.start();
    await first.stop();
    readModel.close();
    const before = contents((readModel = openReadModel()));

    const counts = new EventCounts();
    const queue = new WorkQueueProjection();
    const countsSpy = jest.spyOn(counts, 'apply');
    const queueSpy = jest.spyOn(queue, 'apply');
    const restarted = runner([counts, queue]);
    await restarted.start();
    expect([countsSpy.mock.calls.length, queueSpy.mock.calls.length]).toEqual([0, 0]);
    expect(restarted.position('work-queue')).toBe(2n);
    expect(contents(readModel)).toEqual(before);
    await restarted.stop();

    // Appended while nothing follows the log.
    await append(B, registration(B));
    await append(A, replied('fw-1', 'regulacao'));
    const again = new EventCounts();
    const againSpy = jest.spyOn(again, 'apply');
    await runner([again, new WorkQueueProjection()]).start();

    expect(againSpy.mock.calls.map(([, event]) => event.position)).toEqual([3n, 4n]);
    expect(contents(readModel)).toEqual(await cleanReplay());
  });

  describe('a crash between events', () => {
    it('rolls back the whole batch with its checkpoint, reports it, and a restart ends like a clean replay', async () => {
      await append(A, registration(A), forwarded('fw-1', 'regulacao'));
      const committed = runner([new EventCounts(), new WorkQueueProjection()]);
      await committed.start();
      await committed.stop();
      const afterFirstBatch = contents(readModel);

      // The next batch: the work queue crashes on its 3rd event, after two it had applied.
      await append(B, registration(B), forwarded('fw-2', 'financeiro'));
      await append(A, replied('fw-1', 'regulacao'), answered());
      const onError = jest.fn();
      const crashing = runner([new EventCounts(), crashingOn(new WorkQueueProjection(), 3)], { onError });
      await crashing.start();

      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0][0]).toEqual(new Error('crash at position 5'));
      expect(crashing.position('work-queue')).toBe(2n);
      const now = contents(readModel);
      expect({ queue: now.queue, forwardings: now.forwardings }).toEqual({
        queue: afterFirstBatch.queue,
        forwardings: afterFirstBatch.forwardings,
      });
      expect(now.checkpoints).toEqual([
        { name: 'event-counts', position: 6, event_id: (await store.eventAt(6n))!.id },
        { name: 'work-queue', position: 2, event_id: (await store.eventAt(2n))!.id },
      ]);
      expect(await crashing.lag('work-queue')).toMatchObject({ position: 2n, events: 4n });
      await crashing.stop();

      // The process comes back: a new runner on the same files.
      readModel.close();
      readModel = openReadModel();
      await runner([new EventCounts(), new WorkQueueProjection()]).start();

      expect(contents(readModel)).toEqual(await cleanReplay());
      expect(contents(readModel).queue).toEqual([
        expect.objectContaining({ protocol: A, status: 'ANSWERED' }),
        expect.objectContaining({ protocol: B, status: 'OPEN' }),
      ]);
    });

    it('rolls back a crash in the very first catch-up, leaving neither effects nor checkpoint', async () => {
      await append(A, registration(A), forwarded('fw-1', 'regulacao'), replied('fw-1', 'regulacao'));
      const onError = jest.fn();
      const crashing = runner([crashingOn(new EventCounts(), 3)], { onError });
      await crashing.start();

      expect(onError).toHaveBeenCalledTimes(1);
      expect(readModel.prepare('SELECT count(*) AS n FROM event_counts').get()).toEqual({ n: 0 });
      expect(readModel.prepare('SELECT count(*) AS n FROM projection_checkpoints').get()).toEqual({ n: 0 });
      expect(crashing.position('event-counts')).toBe(0n);
    });

    it('pauses on a full disk with one line, not an error per try, and says when it resumes', async () => {
      await append(A, registration(A), forwarded('fw-1', 'regulacao'));
      const onError = jest.fn();
      const log = jest.fn();
      const full = new EventCounts();
      const apply = full.apply.bind(full);
      let failures = 3;
      full.apply = (db, event) => {
        if (failures-- > 0) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
        apply(db, event);
      };
      const r = runner([full], { onError, log });
      await r.start();
      for (let i = 0; i < 2; i++) await append(B, registration(B));

      const last = await append(C, registration(C));
      expect(await r.waitFor('event-counts', last.position, 2000)).toBe(true);
      expect(onError).not.toHaveBeenCalled();
      expect(log.mock.calls.map(([message]) => message)).toEqual([
        expect.stringMatching(
          /^projection event-counts paused, .*\(disk_full: SQLITE_FULL: database or disk is full\); retrying every second$/,
        ),
        'projection event-counts resumed',
      ]);
      expect(readModel.prepare('SELECT * FROM event_counts ORDER BY type').all()).toEqual([
        { type: 'ForwardedToManagement', count: 1 },
        { type: 'ManifestationRegistered', count: 4 },
      ]);
    });

    it('retries a projection that failed on the next append, applying each event once', async () => {
      await append(A, registration(A), forwarded('fw-1', 'regulacao'));
      const onError = jest.fn();
      const r = runner([new EventCounts(), crashingOn(new WorkQueueProjection(), 2, 1)], { onError });
      await r.start();
      expect(onError).toHaveBeenCalledTimes(1);
      expect(r.position('work-queue')).toBe(0n);

      const next = await append(A, replied('fw-1', 'regulacao'));
      expect(await r.waitFor('work-queue', next.position, 2000)).toBe(true);

      expect(contents(readModel)).toEqual(await cleanReplay());
    });

    it('does not hold back the other projections while one keeps failing', async () => {
      const last = await append(A, registration(A), forwarded('fw-1', 'regulacao'));
      const onError = jest.fn();
      const r = runner([crashingOn(new EventCounts(), 1), new WorkQueueProjection()], { onError });
      await r.start();

      expect(onError).toHaveBeenCalled();
      expect(r.position('event-counts')).toBe(0n);
      expect(r.position('work-queue')).toBe(last.position);
      expect(contents(readModel).queue).toEqual([expect.objectContaining({ protocol: A })]);
    });
  });

  describe('waitFor', () => {
    it('answers false once the timeout passes without the position applied', async () => {
      const last = await append(A, registration(A));
      const r = runner([new WorkQueueProjection()]);
      await r.start();

      const started = Date.now();
      expect(await r.waitFor('work-queue', last.position + 10n, 100)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    });

    it('answers false to the waiting callers when the runner stops', async () => {
      const r = runner([new WorkQueueProjection()]);
      await r.start();
      const waiting = r.waitFor('work-queue', 99n, 60_000);

      await r.stop();

      expect(await waiting).toBe(false);
    });

    it('throws for a projection it does not run', () => {
      const r = runner([new WorkQueueProjection()]);
      expect(() => r.waitFor('nope', 1n, 10)).toThrow('unknown projection nope');
    });
  });

  describe('lag', () => {
    it('reports the events and the age of the oldest one not applied, and 0 once caught up', async () => {
      clock = T0;
      await append(A, registration(A));
      clock = new Date(T0.getTime() + 30_000);
      await append(B, registration(B), forwarded('fw-1', 'regulacao'));
      const now = new Date(T0.getTime() + 90_000);
      const r = runner([new WorkQueueProjection()], { now: () => now });

      expect(await r.lag('work-queue')).toEqual({ position: 0n, events: 3n, seconds: 90 });

      await r.start();
      expect(await r.lag('work-queue')).toEqual({ position: 3n, events: 0n, seconds: 0 });

      await r.stop();
      clock = new Date(T0.getTime() + 60_000);
      await append(C, registration(C));
      expect(await r.lag('work-queue')).toEqual({ position: 3n, events: 1n, seconds: 30 });
    });

    it('is zero on an empty log', async () => {
      const r = runner([new WorkQueueProjection()]);
      expect(await r.lag('work-queue')).toEqual({ position: 0n, events: 0n, seconds: 0 });
    });
  });

  it('ignores streams that are not cases in the work queue, yet moves its checkpoint past them', async () => {
    const claim = { protocol: A, fingerprint: 'f'.repeat(64) };
    await appendTo('sac-escalation-x', [{ type: 'RegistrationClaimed', data: claim }]);
    await appendTo('idempotency-y', [{ type: 'RegistrationClaimed', data: claim }]);
    await append(A, registration(A));
    const last = await appendTo('idempotency-z', [{ type: 'RegistrationClaimed', data: { ...claim, protocol: B } }]);
    const onError = jest.fn();
    const r = runner([new WorkQueueProjection()], { onError });

    await r.start();

    expect(onError).not.toHaveBeenCalled();
    expect(r.position('work-queue')).toBe(last.position);
    expect(readModel.prepare('SELECT protocol FROM work_queue').all()).toEqual([{ protocol: A }]);
    expect(readModel.prepare('SELECT count(*) AS n FROM work_queue_forwardings').get()).toEqual({ n: 0 });
  });
});

/**
 * Read-side measures of `npm run bench` on a generated log of 1,000,000 cases over five years
 * (200,000 a year): projection rebuild speed against a raw SQLite read-and-upsert baseline,
 * REA report latency for one year, and work-queue query latency with every case stored.
 */
import { BusinessCalendar } from '@app/domain';
import { openDatabase, SqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import { ReadModelDirectory } from '../apps/ouvidoria-api/src/projections/read-model-storage';
import { rebuildProjection } from '../apps/ouvidoria-api/src/projections/rebuild-projection';
import { buildReaReport } from '../apps/ouvidoria-api/src/rea-report/rea-report';
import { ReaProjection } from '../apps/ouvidoria-api/src/rea-report/rea.projection';
import { WorkQueueProjection } from '../apps/ouvidoria-api/src/work-queue/work-queue.projection';
import { WorkQueueReader, type QueueFilter } from '../apps/ouvidoria-api/src/work-queue/work-queue.reader';
import { generateLog } from '../test/support/generated-log';

export interface ReadSideResult {
  cases: number;
  events: number;
  baselinePerSecond: number;
  workQueueRebuildPerSecond: number;
  reaRebuildPerSecond: number;
  reaP50Ms: number;
  queueP50Ms: number;
  queueP99Ms: number;
}

/** (baseline) Read every event row and upsert a small row per event, 500 per transaction, straight on SQLite. */
function rawReadAndUpsert(eventsFile: string, readFile: string): number {
  const events = openDatabase(eventsFile, 'NORMAL');
  const target = openDatabase(readFile, 'NORMAL');
  target.exec('CREATE TABLE IF NOT EXISTS raw (stream_id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL)');
  const page = events.prepare<[number], { position: number; stream_id: string; type: string; data: string }>(
    'SELECT position, stream_id, type, data FROM events WHERE position > ? ORDER BY position LIMIT 500',
  );
  const upsert = target.prepare(
    'INSERT INTO raw (stream_id, type, data) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET type = excluded.type, data = excluded.data',
  );
  const batch = target.transaction((rows: Array<{ stream_id: string; type: string; data: string }>) => {
    for (const row of rows) upsert.run(row.stream_id, row.type, JSON.stringify(JSON.parse(row.data)));
  });
  const started = process.hrtime.bigint();
  let count = 0;
  for (let after = 0; ;) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    batch(rows);
    count += rows.length;
    after = rows[rows.length - 1].position;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  events.close();
  target.close();
  return count / seconds;
}

/** What `npm run cli -- projections:rebuild <name>` does: a new version from the whole log, made live. */
async function rebuild(store: SqliteEventStore, dir: string, projection: WorkQueueProjection | ReaProjection, events: number) {
  const storage = new ReadModelDirectory(dir);
  const started = process.hrtime.bigint();
  const { version } = await rebuildProjection(store, storage, projection);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { db: storage.open(projection.name, version), perSecond: events / seconds };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function time(run: () => unknown): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function readSide(dir: string, cases: number): Promise<ReadSideResult> {
  const eventsFile = join(dir, 'events.sqlite');
  const store = new SqliteEventStore({ file: eventsFile, synchronous: 'NORMAL' });
  const writer = openDatabase(eventsFile, 'NORMAL');
  const events = generateLog(writer, cases);
  writer.close();

  const baselinePerSecond = rawReadAndUpsert(eventsFile, join(dir, 'raw.sqlite'));
  const queue = await rebuild(store, join(dir, 'read-models'), new WorkQueueProjection(), events);
  const rea = await rebuild(store, join(dir, 'read-models'), new ReaProjection(), events);

  const reaSamples = Array.from({ length: 20 }, (_, i) => time(() => buildReaReport(rea.db, 2022 + (i % 5))));
  const calendar = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', region: 'BR', holidayTypes: ['public'], extraHolidays: [] });
  const reader = new WorkQueueReader(() => queue.db, calendar);
  const now = new Date('2026-06-15T12:00:00Z');
  const filters: Array<Partial<QueueFilter>> = [
    {},
    { status: 'OPEN' },
    { overdue: true },
    { type: 'RECLAMACAO', status: 'OPEN' },
    { theme: 'FINANCEIRO' },
    { dueWithinBusinessDays: 2 },
    { receivedFrom: new Date('2025-01-01T00:00:00Z'), receivedTo: new Date('2025-02-01T00:00:00Z') },
  ];
  const queueSamples: number[] = [];
  for (let i = 0; i < 210; i++) {
    const filter = { limit: 50, ...filters[i % filters.length] };
    const first = reader.list(filter, now);
    queueSamples.push(time(() => reader.list(filter, now)));
    if (first.nextCursor) queueSamples.push(time(() => reader.list({ ...filter, cursor: first.nextCursor! }, now)));
  }
  queue.db.close();
  rea.db.close();
  await store.close();
  return {
    cases,
    events,
    baselinePerSecond,
    workQueueRebuildPerSecond: queue.perSecond,
    reaRebuildPerSecond: rea.perSecond,
    reaP50Ms: percentile(reaSamples, 50),
    queueP50Ms: percentile(queueSamples, 50),
    queueP99Ms: percentile(queueSamples, 99),
  };
}

import { dataSubjectStreamId, ERASED, manifestationStreamId, PERSONAL_DATA_ERASED, type ManifestationEvent } from '@app/domain';
import { openDatabase, type RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answered, registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { ReaProjection } from './rea.projection';

const ERASED_CASE = '12345620260401000001';
const KEPT_CASE = '12345620260401000002';

describe('the REA read model and an erasure (real SQLite file)', () => {
  let dir: string;
  let db: Database.Database;
  let position = 0;
  const projection = new ReaProjection();
  const apply = (streamId: string, type: string, data: unknown) => {
    const id = `event-${++position}`;
    const event: RecordedEvent = {
      ...{ streamId, id, type, revision: 0n, position: BigInt(position), data: data as Record<string, unknown> },
      metadata: {
        eventId: id,
        occurredAt: '2026-04-10T13:00:00.000Z',
        actor: { sub: 't', role: 'ouvidoria' },
        correlationId: id,
        causationId: id,
      },
      ...{ recordedAt: '2026-04-10T13:00:00.000Z', hash: '0'.repeat(64) },
    };
    db.transaction(() => projection.apply(db, event))();
  };
  const applyCase = (protocol: string, ...events: ManifestationEvent[]) =>
    events.forEach(({ type, data }) => apply(manifestationStreamId(protocol), type, data));
  const counters = () => db.prepare('SELECT year, dimension, key, value FROM rea_counters ORDER BY year, dimension, key').all();
  const factsOf = (protocol: string) =>
    (db.prepare('SELECT facts FROM rea_manifestations WHERE protocol = ?').get(protocol) as { facts: string }).facts;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ouvidoria-rea-erasure-'));
    db = openDatabase(join(dir, 'rea.sqlite'), 'NORMAL');
    projection.migrate(db);
    const late = answered({ timeliness: 'LATE', lateReason: 'Laudo do Dr. Umbuzeiro atrasado' });
    applyCase(ERASED_CASE, registered({ protocol: ERASED_CASE }), late);
    applyCase(KEPT_CASE, registered({ protocol: KEPT_CASE }), answered({ timeliness: 'LATE', lateReason: 'Volume de demandas' }));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes the late reason out of the erased case's facts and leaves every count as it was", () => {
    const before = counters();
    apply(dataSubjectStreamId('subject-1'), PERSONAL_DATA_ERASED, {
      subject: 'subject-1',
      protocols: [ERASED_CASE],
      erasedAt: '2031-04-10T10:00:00.000-03:00',
      cause: 'RETENTION',
    });
    expect(factsOf(ERASED_CASE)).not.toContain('Umbuzeiro');
    expect(JSON.parse(factsOf(ERASED_CASE)).answer.lateReason).toBe(ERASED);
    expect(JSON.parse(factsOf(KEPT_CASE)).answer.lateReason).toBe('Volume de demandas');
    expect(counters()).toEqual(before);
  });
});

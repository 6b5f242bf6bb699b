import type { ManifestationEvent, RecommendationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { protocolOf, toDomainEvent, unhandled } from '../application/manifestation-stream';
import type { Projection } from '../projections/projection';
import { contributions, type ReaCase } from './rea-counters';

const RECOMMENDATION_STREAM = 'recommendation-';

/**
 * The REA-Ouvidorias read model: the facts of each case (`rea_cases`) and, per year, counters of
 * everything the report counts (`rea_counters`). Every event recomputes what its case contributes
 * and applies the difference, so the counters always equal a recount, and a report reads a few
 * hundred rows however many cases the year had. Recommendations to management are kept one row
 * each (`rea_recommendations`), counted by the year they were made and their current stage.
 */
export class ReaProjection implements Projection {
  readonly name = 'rea';
  /** 2: unanswered reviews are told apart by why they were closed. */
  readonly schemaVersion = 2;
  private statements!: ReturnType<ReaProjection['prepare']>;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rea_cases (protocol TEXT PRIMARY KEY, facts TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS rea_counters (
        year      INTEGER NOT NULL,
        dimension TEXT    NOT NULL,
        key       TEXT    NOT NULL,
        value     INTEGER NOT NULL,
        PRIMARY KEY (year, dimension, key)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS rea_recommendations (
        recommendation_id TEXT PRIMARY KEY,
        year              INTEGER NOT NULL,
        department        TEXT NOT NULL,
        text              TEXT NOT NULL,
        made_at           TEXT NOT NULL,
        stage             TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS rea_recommendations_by_year ON rea_recommendations (year, made_at);
    `);
    this.statements = this.prepare(db);
  }

  apply(_db: Database.Database, recorded: RecordedEvent): void {
    if (recorded.streamId.startsWith(RECOMMENDATION_STREAM)) return this.applyRecommendation(recorded);
    const protocol = protocolOf(recorded.streamId);
    if (protocol === null) return;
    const sql = this.statements;
    const stored = sql.read.get(protocol) as { facts: string } | undefined;
    const before = stored ? (JSON.parse(stored.facts) as ReaCase) : null;
    const after = next(before, toDomainEvent(recorded));
    if (after === before || after === null) return;
    sql.write.run(protocol, JSON.stringify(after));
    const delta = contributions(after);
    for (const [counter, value] of before ? contributions(before) : []) delta.set(counter, (delta.get(counter) ?? 0) - value);
    for (const [counter, value] of delta) {
      if (value === 0) continue;
      const [dimension, key] = counter.split('\u0000');
      sql.add.run(after.year, dimension, key, value);
    }
  }

  private applyRecommendation(recorded: RecordedEvent): void {
    const sql = this.statements;
    const event = { type: recorded.type, data: recorded.data } as RecommendationEvent;
    if (event.type === 'RecommendationMade') {
      const { recommendationId, department, text, madeAt } = event.data;
      const year = Number(madeAt.slice(0, 4));
      if (sql.recommendationInsert.run(recommendationId, year, department, text, madeAt).changes === 0) return;
      sql.add.run(year, 'recommendations', '', 1);
      sql.add.run(year, 'recommendation_stage', 'PROPOSTA', 1);
      return;
    }
    const id = recorded.streamId.slice(RECOMMENDATION_STREAM.length);
    const row = sql.recommendationRead.get(id) as { year: number; stage: string } | undefined;
    if (!row || row.stage === event.data.stage) return;
    sql.recommendationStage.run(event.data.stage, id);
    sql.add.run(row.year, 'recommendation_stage', row.stage, -1);
    sql.add.run(row.year, 'recommendation_stage', event.data.stage, 1);
  }

  private prepare(db: Database.Database) {
    return {
      recommendationInsert: db.prepare(
        `INSERT INTO rea_recommendations (recommendation_id, year, department, text, made_at, stage)
         VALUES (?, ?, ?, ?, ?, 'PROPOSTA') ON CONFLICT (recommendation_id) DO NOTHING`,
      ),
      recommendationRead: db.prepare('SELECT year, stage FROM rea_recommendations WHERE recommendation_id = ?'),
      recommendationStage: db.prepare('UPDATE rea_recommendations SET stage = ? WHERE recommendation_id = ?'),
      read: db.prepare('SELECT facts FROM rea_cases WHERE protocol = ?'),
      write: db.prepare('INSERT INTO rea_cases (protocol, facts) VALUES (?, ?) ON CONFLICT (protocol) DO UPDATE SET facts = excluded.facts'),
      add: db.prepare(
        `INSERT INTO rea_counters (year, dimension, key, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (year, dimension, key) DO UPDATE SET value = value + excluded.value`,
      ),
    };
  }
}

/** The case's facts after an event; the same object when the event changes nothing counted. */
function next(facts: ReaCase | null, event: ManifestationEvent): ReaCase | null {
  if (event.type === 'ManifestationRegistered') {
    if (facts) return facts; // replayed registration
    const d = event.data;
    // receivedAt carries the operator's offset: its date part is the local receipt date.
    return {
      year: Number(d.receivedAt.slice(0, 4)),
      month: Number(d.receivedAt.slice(5, 7)),
      type: d.manifestationType,
      channel: d.channel,
      theme: d.theme ?? null,
      contractType: d.contractType,
      requesterKind: d.requester.kind,
      sac: false,
      closed: false,
    };
  }
  if (!facts) return null;
  switch (event.type) {
    case 'EscalatedFromSac':
      return { ...facts, sac: true };
    case 'ManifestationClassified':
      return { ...facts, theme: event.data.theme };
    case 'ReanaliseConverted':
      return { ...facts, type: event.data.toType, convertedFromReanalise: true };
    case 'ManifestationAnswered': {
      const d = event.data;
      return {
        ...facts,
        answer: {
          outcome: d.outcome,
          timeliness: d.timeliness,
          businessDaysTaken: d.businessDaysTaken,
          ...(d.lateReason ? { lateReason: d.lateReason } : {}),
          ...(d.reversalReason ? { reversalReason: d.reversalReason } : {}),
        },
      };
    }
    case 'ManifestationClosed':
      return { ...facts, closed: true, closeReason: event.data.reason };
    case 'SatisfactionRecorded':
      return { ...facts, score: event.data.score };
    case 'DeadlineExtended':
    case 'ForwardedToManagement':
    case 'ManagementReplied':
      return facts;
    default:
      return unhandled(event);
  }
}

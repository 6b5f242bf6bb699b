import {
  decodeManifestationEvent,
  decodeRecommendationEvent,
  ERASED,
  erasureOf,
  protocolOf,
  recommendationIdOf,
  unhandled,
  type ManifestationEvent,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from '../projections/projection';
import { statement } from '../projections/statements';
import { contributions, type ReaManifestation } from './rea-counters';

/** The REA report's read-model name. */
export const REA = 'rea';

const SQL = {
  read: 'SELECT facts FROM rea_manifestations WHERE protocol = ?',
  write: 'INSERT INTO rea_manifestations (protocol, facts) VALUES (?, ?) ON CONFLICT (protocol) DO UPDATE SET facts = excluded.facts',
  add: `INSERT INTO rea_counters (year, dimension, key, value) VALUES (?, ?, ?, ?)
        ON CONFLICT (year, dimension, key) DO UPDATE SET value = value + excluded.value`,
  recommendationInsert: `INSERT INTO rea_recommendations (recommendation_id, year, stage) VALUES (?, ?, 'PROPOSTA')
                         ON CONFLICT (recommendation_id) DO NOTHING`,
  recommendationRead: 'SELECT year, stage FROM rea_recommendations WHERE recommendation_id = ?',
  recommendationStage: 'UPDATE rea_recommendations SET stage = ? WHERE recommendation_id = ?',
};

/**
 * The REA-Ouvidorias read model: the facts of each manifestation (`rea_manifestations`) and, per
 * year, counters of everything the report counts (`rea_counters`). Every event recomputes what its
 * manifestation contributes and applies the difference, so the counters always equal a recount,
 * and a report reads a few hundred rows however many manifestations the year had. Recommendations
 * to management are counted by the year they were made and their current stage
 * (`rea_recommendations` keeps both, to move a count when the stage changes).
 */
export class ReaProjection implements Projection {
  readonly name = REA;
  /** 3: unanswered reviews told apart by why they were closed; tables renamed; recommendations' texts left to their own read model. */
  readonly schemaVersion = 3;
  /** The late and reversal reasons it counts are personal fields: it follows the log opened. */
  readonly readsPersonalValues = true;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rea_manifestations (protocol TEXT PRIMARY KEY, facts TEXT NOT NULL);
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
        stage             TEXT NOT NULL
      );
    `);
  }

  apply(db: Database.Database, recorded: RecordedEvent): void {
    const erasure = erasureOf(recorded);
    if (erasure) return eraseReasons(db, erasure.protocols);
    const recommendationId = recommendationIdOf(recorded.streamId);
    if (recommendationId !== null) return applyRecommendation(db, recommendationId, recorded);
    const protocol = protocolOf(recorded.streamId);
    if (protocol === null) return;
    const stored = statement<[string], { facts: string }>(db, SQL.read).get(protocol);
    const before = stored ? (JSON.parse(stored.facts) as ReaManifestation) : null;
    const after = next(before, decodeManifestationEvent(recorded));
    if (after === before || after === null) return;
    statement(db, SQL.write).run(protocol, JSON.stringify(after));
    const delta = contributions(after);
    for (const [counter, value] of before ? contributions(before) : []) delta.set(counter, (delta.get(counter) ?? 0) - value);
    for (const [counter, value] of delta) {
      if (value === 0) continue;
      const [dimension, key] = counter.split('\u0000');
      statement(db, SQL.add).run(after.year, dimension, key, value);
    }
  }
}

/**
 * An erasure takes the late and reversal reasons (free texts) out of the erased cases' facts. The
 * counts by reason keep each reason's text as their key, tied to no case, so that the report the
 * regulator gets stays as it was; a rebuild from the log after the erasure counts them as `[erased]`.
 */
function eraseReasons(db: Database.Database, protocols: string[]): void {
  for (const protocol of protocols) {
    const stored = statement<[string], { facts: string }>(db, SQL.read).get(protocol);
    const facts = stored && (JSON.parse(stored.facts) as ReaManifestation);
    if (!facts?.answer || (!facts.answer.lateReason && !facts.answer.reversalReason)) continue;
    const answer = {
      ...facts.answer,
      ...(facts.answer.lateReason ? { lateReason: ERASED } : {}),
      ...(facts.answer.reversalReason ? { reversalReason: ERASED } : {}),
    };
    statement(db, SQL.write).run(protocol, JSON.stringify({ ...facts, answer }));
  }
}

function applyRecommendation(db: Database.Database, id: string, recorded: RecordedEvent): void {
  const add = (year: number, dimension: string, key: string, value: number) => statement(db, SQL.add).run(year, dimension, key, value);
  const event = decodeRecommendationEvent(recorded);
  if (event.type === 'RecommendationMade') {
    const year = Number(event.data.madeAt.slice(0, 4));
    if (statement(db, SQL.recommendationInsert).run(id, year).changes === 0) return;
    add(year, 'recommendations', '', 1);
    add(year, 'recommendation_stage', 'PROPOSTA', 1);
    return;
  }
  const row = statement<[string], { year: number; stage: string }>(db, SQL.recommendationRead).get(id);
  if (!row || row.stage === event.data.stage) return;
  statement(db, SQL.recommendationStage).run(event.data.stage, id);
  add(row.year, 'recommendation_stage', row.stage, -1);
  add(row.year, 'recommendation_stage', event.data.stage, 1);
}

/** The manifestation's facts after an event; the same object when the event changes nothing counted. */
function next(facts: ReaManifestation | null, event: ManifestationEvent): ReaManifestation | null {
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
    case 'AccessCodeReissued':
    case 'ClarificationRequested':
    case 'ClarificationReplied':
    case 'AttachmentAdded':
      return facts;
    default:
      return unhandled(event);
  }
}

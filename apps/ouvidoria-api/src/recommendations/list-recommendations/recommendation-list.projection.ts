import { decodeRecommendationEvent, recommendationIdOf, type RecommendationStage } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from '../../projections/projection';
import { statement } from '../../projections/statements';

/** The recommendation list's read-model name. */
export const RECOMMENDATION_LIST = 'recommendations';

export interface RecommendationListItem {
  recommendationId: string;
  department: string;
  text: string;
  madeAt: string;
  stage: RecommendationStage;
}

const SQL = {
  insert: `INSERT INTO recommendations (recommendation_id, year, department, text, made_at, stage)
           VALUES (?, ?, ?, ?, ?, 'PROPOSTA') ON CONFLICT (recommendation_id) DO NOTHING`,
  stage: 'UPDATE recommendations SET stage = ? WHERE recommendation_id = ?',
  list: `SELECT recommendation_id AS recommendationId, department, text, made_at AS madeAt, stage
         FROM recommendations WHERE year = @year AND (@stage IS NULL OR stage = @stage)
         ORDER BY made_at, recommendation_id`,
};

/** Recommendations to management, one row each with its current stage, by the year they were made (local date). */
export class RecommendationListProjection implements Projection {
  readonly name = RECOMMENDATION_LIST;
  readonly schemaVersion = 1;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS recommendations (
        recommendation_id TEXT PRIMARY KEY,
        year              INTEGER NOT NULL,
        department        TEXT NOT NULL,
        text              TEXT NOT NULL,
        made_at           TEXT NOT NULL,
        stage             TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS recommendations_by_year ON recommendations (year, made_at);
    `);
  }

  apply(db: Database.Database, recorded: RecordedEvent): void {
    const id = recommendationIdOf(recorded.streamId);
    if (id === null) return;
    const event = decodeRecommendationEvent(recorded);
    if (event.type === 'RecommendationMade') {
      const { department, text, madeAt } = event.data;
      statement(db, SQL.insert).run(id, Number(madeAt.slice(0, 4)), department, text, madeAt);
    } else {
      statement(db, SQL.stage).run(event.data.stage, id);
    }
  }
}

/** A year's recommendations, oldest first, optionally at one stage. */
export function listRecommendations(db: Database.Database, year: number, stage?: RecommendationStage): RecommendationListItem[] {
  return statement<[{ year: number; stage: string | null }], RecommendationListItem>(db, SQL.list).all({ year, stage: stage ?? null });
}

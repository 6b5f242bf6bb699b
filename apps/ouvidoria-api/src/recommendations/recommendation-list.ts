import type { RecommendationStage } from '@app/domain';
import type Database from 'better-sqlite3';

export interface RecommendationListItem {
  recommendationId: string;
  department: string;
  text: string;
  madeAt: string;
  stage: RecommendationStage;
}

/** A year's recommendations, oldest first, from the `rea` read model (`rea_recommendations`). */
export function listRecommendations(db: Database.Database, year: number, stage?: RecommendationStage): RecommendationListItem[] {
  return db
    .prepare<{ year: number; stage: string | null }, RecommendationListItem>(
      `SELECT recommendation_id AS recommendationId, department, text, made_at AS madeAt, stage
       FROM rea_recommendations WHERE year = @year AND (@stage IS NULL OR stage = @stage)
       ORDER BY made_at, recommendation_id`,
    )
    .all({ year, stage: stage ?? null });
}

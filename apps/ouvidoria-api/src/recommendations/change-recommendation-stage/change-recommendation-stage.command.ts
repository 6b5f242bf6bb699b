import type { Recommendation, RecommendationStage } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { RequestMeta } from '../../application/ports';

export class ChangeRecommendationStageCommand extends Command<Outcome<Recommendation>> {
  constructor(
    readonly recommendationId: string,
    readonly data: { stage: RecommendationStage; note?: string },
    readonly meta: RequestMeta,
    /** From `If-Match`. */
    readonly ifMatch?: number,
  ) {
    super();
  }
}

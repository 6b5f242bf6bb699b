import type { Recommendation } from '@app/domain';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { revisionOf, type Outcome } from '../../application/command-path';
import { RecommendationStreams } from '../recommendation-streams';
import { ChangeRecommendationStageCommand } from './change-recommendation-stage.command';

@CommandHandler(ChangeRecommendationStageCommand)
export class ChangeRecommendationStageHandler implements ICommandHandler<ChangeRecommendationStageCommand, Outcome<Recommendation>> {
  constructor(private readonly recommendations: RecommendationStreams) {}

  execute({ recommendationId, data, meta, ifMatch }: ChangeRecommendationStageCommand): Promise<Outcome<Recommendation>> {
    return this.recommendations.act(recommendationId, (now) => ({ type: 'ChangeRecommendationStage', data, metadata: { now } }), {
      meta,
      ifMatch: revisionOf(ifMatch),
    });
  }
}

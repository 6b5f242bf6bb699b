import type { Recommendation } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports';
import { RecommendationStreams } from '../recommendation-streams';
import { MakeRecommendationCommand } from './make-recommendation.command';

@CommandHandler(MakeRecommendationCommand)
export class MakeRecommendationHandler implements ICommandHandler<MakeRecommendationCommand, Outcome<Recommendation>> {
  constructor(
    private readonly recommendations: RecommendationStreams,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  execute({ data, meta }: MakeRecommendationCommand): Promise<Outcome<Recommendation>> {
    const recommendationId = this.ids.uuid();
    return this.recommendations.act(
      recommendationId,
      (now) => ({ type: 'MakeRecommendation', data: { recommendationId, ...data }, metadata: { now } }),
      { meta },
    );
  }
}

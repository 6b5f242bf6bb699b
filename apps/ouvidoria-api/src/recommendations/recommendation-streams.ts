import {
  recommendationDecider,
  recommendationStreamId,
  type DecisionContext,
  type Recommendation,
  type RecommendationCommand,
  type RecommendationEvent,
  type RecommendationState,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { CommandPath, type Outcome, type RunOptions } from '../application/command-path';
import { DeciderStreams } from '../application/decider-streams';
import { DECISION_CONTEXT } from '../application/ports';

/** Recommendation streams (`recommendation-<uuid>`) on the one command path. */
@Injectable()
export class RecommendationStreams {
  private readonly streams: DeciderStreams<
    RecommendationCommand,
    RecommendationState,
    RecommendationEvent,
    Pick<DecisionContext, 'calendar'>
  >;

  constructor(path: CommandPath, @Inject(DECISION_CONTEXT) context: DecisionContext) {
    this.streams = new DeciderStreams(path, recommendationDecider, context, recommendationStreamId);
  }

  /** Every command decided on a recommendation leaves one: making creates it, changing a stage needs it. */
  async act(
    id: string,
    build: (now: Date) => RecommendationCommand,
    options: RunOptions<RecommendationState>,
  ): Promise<Outcome<Recommendation>> {
    const outcome = await this.streams.act(id, build, options);
    return { ...outcome, state: outcome.state as Recommendation };
  }

  load(id: string): Promise<Outcome<Recommendation> | null> {
    return this.streams.load(id) as Promise<Outcome<Recommendation> | null>;
  }
}

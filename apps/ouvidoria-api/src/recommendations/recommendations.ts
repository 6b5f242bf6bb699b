import {
  decideRecommendation,
  evolveRecommendation,
  initialRecommendationState,
  recommendationStreamId,
  type DecisionContext,
  type Recommendation,
  type RecommendationCommand,
} from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { CommandPath, fold, type Outcome } from '../application/command-path';
import { DECISION_CONTEXT } from '../application/decision-context.provider';
import type { RequestMeta } from '../application/ports';

const decider = { decide: decideRecommendation, evolve: evolveRecommendation, initialState: initialRecommendationState };

/** Recommendations to management: written through the one command path, read by folding their stream. */
@Injectable()
export class Recommendations {
  constructor(
    private readonly commandPath: CommandPath,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async act(
    recommendationId: string,
    command: (now: Date) => RecommendationCommand,
    options: { meta: RequestMeta; ifMatch?: bigint },
  ): Promise<Outcome<Recommendation>> {
    const outcome = await this.commandPath.run(decider, this.context, recommendationStreamId(recommendationId), command, options);
    return { ...outcome, state: outcome.state! };
  }

  async get(recommendationId: string): Promise<{ state: Recommendation; revision: bigint } | null> {
    const events = await this.store.readStream(recommendationStreamId(recommendationId));
    const state = fold(decider, events);
    return state && { state, revision: events[events.length - 1].revision };
  }
}

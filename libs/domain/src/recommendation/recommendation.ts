import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Decider, StoredEvent } from '../decider';
import { conflict, invalid, notFound } from '../manifestation/errors';
import type { IsoInstant } from '../manifestation/events';

/**
 * A recommendation the Ouvidoria makes to management (RN 323: it proposes improvements from what
 * the cases show). The REA-Ouvidorias asks how many were made in the year, and at what stage last
 * year's stand. Stage labels are this product's (the regulator's form is unconfirmed).
 */
export const RECOMMENDATION_STAGES = ['PROPOSTA', 'EM_IMPLEMENTACAO', 'IMPLEMENTADA', 'NAO_IMPLEMENTADA'] as const;
export type RecommendationStage = (typeof RECOMMENDATION_STAGES)[number];

/** Where a stage may go next; the last two are final. */
const NEXT: Record<RecommendationStage, readonly RecommendationStage[]> = {
  PROPOSTA: ['EM_IMPLEMENTACAO', 'IMPLEMENTADA', 'NAO_IMPLEMENTADA'],
  EM_IMPLEMENTACAO: ['IMPLEMENTADA', 'NAO_IMPLEMENTADA'],
  IMPLEMENTADA: [],
  NAO_IMPLEMENTADA: [],
};

export type RecommendationCommand =
  | { type: 'MakeRecommendation'; data: { recommendationId: string; department: string; text: string }; metadata: { now: Date } }
  | { type: 'ChangeRecommendationStage'; data: { stage: RecommendationStage; note?: string }; metadata: { now: Date } };

export type RecommendationEvent =
  | { type: 'RecommendationMade'; data: { recommendationId: string; department: string; text: string; madeAt: IsoInstant } }
  | {
      type: 'RecommendationStageChanged';
      data: { previousStage: RecommendationStage; stage: RecommendationStage; note?: string; changedAt: IsoInstant };
    };

export interface Recommendation {
  recommendationId: string;
  department: string;
  text: string;
  madeAt: IsoInstant;
  stage: RecommendationStage;
  /** Every stage change, oldest first. */
  stages: Array<{ stage: RecommendationStage; note?: string; changedAt: IsoInstant }>;
}
export type RecommendationState = Recommendation | null;

export function decideRecommendation(
  command: RecommendationCommand,
  state: RecommendationState,
  { calendar }: { calendar: BusinessCalendar },
): RecommendationEvent[] {
  const at = calendar.toLocalIso(command.metadata.now);
  if (command.type === 'MakeRecommendation') {
    if (state) throw conflict('RECOMMENDATION_EXISTS', `recommendation ${state.recommendationId} already exists`);
    const text = command.data.text.trim();
    if (!text)
      throw invalid('VALIDATION_FAILED', 'text must not be blank', [
        { field: 'text', rule: 'notBlank', message: 'text must not be blank' },
      ]);
    return [{ type: 'RecommendationMade', data: { ...command.data, text, madeAt: at } }];
  }
  if (!state) throw notFound('RECOMMENDATION_NOT_FOUND', 'no such recommendation');
  const { stage, note } = command.data;
  if (stage === state.stage) throw conflict('STAGE_UNCHANGED', `the recommendation is already ${stage}`);
  if (!NEXT[state.stage].includes(stage)) {
    const allowed = NEXT[state.stage].length ? `only to ${NEXT[state.stage].join(', ')}` : 'no further: it is final';
    throw conflict('STAGE_NOT_ALLOWED', `a ${state.stage} recommendation moves ${allowed}, not to ${stage}`);
  }
  const trimmed = note?.trim();
  return [
    {
      type: 'RecommendationStageChanged',
      data: { previousStage: state.stage, stage, ...(trimmed ? { note: trimmed } : {}), changedAt: at },
    },
  ];
}

export function evolveRecommendation(state: RecommendationState, event: RecommendationEvent): RecommendationState {
  if (event.type === 'RecommendationMade') return { ...event.data, stage: 'PROPOSTA', stages: [] };
  if (!state) return state;
  const { stage, note, changedAt } = event.data;
  return { ...state, stage, stages: [...state.stages, { stage, ...(note ? { note } : {}), changedAt }] };
}

export const initialRecommendationState = (): RecommendationState => null;

const STREAM_PREFIX = 'recommendation-';

/** Every recommendation is one stream: `recommendation-<uuid>`. */
export const recommendationStreamId = (recommendationId: string) => `${STREAM_PREFIX}${recommendationId}`;

/** The id of a recommendation stream; null for any other stream. */
export const recommendationIdOf = (streamId: string): string | null =>
  streamId.startsWith(STREAM_PREFIX) ? streamId.slice(STREAM_PREFIX.length) : null;

export const decodeRecommendationEvent = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as RecommendationEvent;

export const recommendationDecider: Decider<
  RecommendationCommand,
  RecommendationState,
  RecommendationEvent,
  { calendar: BusinessCalendar }
> = {
  decide: decideRecommendation,
  evolve: evolveRecommendation,
  initialState: initialRecommendationState,
  decode: decodeRecommendationEvent,
};

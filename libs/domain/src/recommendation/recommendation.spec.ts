import { context } from '../../test-support/given';
import { CommandRefused } from '../manifestation/errors';
import {
  decideRecommendation,
  evolveRecommendation,
  initialRecommendationState,
  type RecommendationCommand,
  type RecommendationEvent,
  type RecommendationStage,
} from './recommendation';

const NOW = new Date('2026-05-04T13:00:00.000Z');
const LOCAL_NOW = '2026-05-04T10:00:00.000-03:00';
const make: RecommendationCommand = {
  type: 'MakeRecommendation',
  data: { recommendationId: 'rec-1', department: 'regulacao', text: '  Publicar o rol de exames com prazos  ' },
  metadata: { now: NOW },
};
const made: RecommendationEvent = {
  type: 'RecommendationMade',
  data: { recommendationId: 'rec-1', department: 'regulacao', text: 'Publicar o rol de exames com prazos', madeAt: LOCAL_NOW },
};
const change = (stage: RecommendationStage, note?: string): RecommendationCommand => ({
  type: 'ChangeRecommendationStage',
  data: { stage, note },
  metadata: { now: NOW },
});
const decideAfter = (history: RecommendationEvent[], command: RecommendationCommand) =>
  decideRecommendation(command, history.reduce(evolveRecommendation, initialRecommendationState()), context);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CommandRefused ? { kind: error.kind, code: error.code } : error;
  }
  return 'decided';
};

describe('recommendations to management', () => {
  it('is made PROPOSTA, with the text trimmed and the local instant', () => {
    expect(decideAfter([], make)).toEqual([made]);
    expect([made].reduce(evolveRecommendation, null)).toMatchObject({ stage: 'PROPOSTA', stages: [] });
  });

  it('moves through its stages, keeping each with its note', () => {
    const started = decideAfter([made], change('EM_IMPLEMENTACAO', ' Piloto em junho '));
    expect(started).toEqual([
      {
        type: 'RecommendationStageChanged',
        data: { previousStage: 'PROPOSTA', stage: 'EM_IMPLEMENTACAO', note: 'Piloto em junho', changedAt: LOCAL_NOW },
      },
    ]);
    const done = decideAfter([made, ...started], change('IMPLEMENTADA'));
    const state = [made, ...started, ...done].reduce(evolveRecommendation, null);
    expect(state).toMatchObject({
      stage: 'IMPLEMENTADA',
      stages: [
        { stage: 'EM_IMPLEMENTACAO', note: 'Piloto em junho', changedAt: LOCAL_NOW },
        { stage: 'IMPLEMENTADA', changedAt: LOCAL_NOW },
      ],
    });
  });

  it('refuses a second making, a blank text, an unknown recommendation, the same stage, and leaving a final one', () => {
    expect(refusal(() => decideAfter([made], make))).toEqual({ kind: 'conflict', code: 'RECOMMENDATION_EXISTS' });
    expect(refusal(() => decideAfter([], { ...make, data: { ...make.data, text: '  ' } }))).toEqual({
      kind: 'invalid',
      code: 'VALIDATION_FAILED',
    });
    expect(refusal(() => decideAfter([], change('IMPLEMENTADA')))).toEqual({ kind: 'not_found', code: 'RECOMMENDATION_NOT_FOUND' });
    expect(refusal(() => decideAfter([made], change('PROPOSTA')))).toEqual({ kind: 'conflict', code: 'STAGE_UNCHANGED' });
    const refused = decideAfter([made], change('NAO_IMPLEMENTADA'));
    expect(refusal(() => decideAfter([made, ...refused], change('EM_IMPLEMENTACAO')))).toEqual({
      kind: 'conflict',
      code: 'STAGE_NOT_ALLOWED',
    });
    const started = decideAfter([made], change('EM_IMPLEMENTACAO'));
    expect(refusal(() => decideAfter([made, ...started], change('PROPOSTA')))).toEqual({ kind: 'conflict', code: 'STAGE_NOT_ALLOWED' });
  });
});

import {
  BusinessCalendar,
  CHANNELS,
  CONTRACT_TYPES,
  MANIFESTATION_TYPES,
  REANALISE_CONVERSION_TYPES,
  RECOMMENDATION_STAGES,
  REQUESTER_KINDS,
  THEMES,
  decide,
  decideRecommendation,
  evolve,
  evolveRecommendation,
  initialState,
  manifestationDecider,
  recommendationDecider,
  recommendationStreamId,
  type DecisionContext,
  type Manifestation,
  type ManifestationCommand,
  type ManifestationState,
  type Recommendation,
  type RecommendationCommand,
  type RecommendationStage,
  type RecommendationState,
} from '@app/domain';
import { openDatabase, SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fold } from '../application/command-path';
import { ProjectionRunner } from '../projections/projection-runner';
import { buildReaReport, UNCLASSIFIED, type ReaReport, type ReasonCount } from './rea-report';
import { ReaProjection } from './rea.projection';
import { oneDatabase } from '../../test-support/one-database';

const context: DecisionContext = {
  calendar: new BusinessCalendar({ timeZone: 'America/Sao_Paulo', region: 'BR', holidayTypes: ['public'], extraHolidays: [] }),
  rules: { answerDeadlineBusinessDays: 7, maxExtensionBusinessDays: 30 },
};
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32): the same year of cases on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A year of cases of every type, channel and theme, with extensions, late answers, closings and ratings. */
async function generateYear(store: SqliteEventStore, count: number): Promise<void> {
  const rnd = random(2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const start = Date.parse('2026-01-01T12:00:00-03:00');
  for (let i = 1; i <= count; i++) {
    const protocol = `123456${String(i).padStart(14, '0')}`;
    const type = pick(MANIFESTATION_TYPES);
    // Cases from late 2025 to early 2027, so that year boundaries matter.
    let now = new Date(start - 20 * DAY + Math.floor(rnd() * 400) * DAY + Math.floor(rnd() * 8) * 3600_000);
    let state: ManifestationState = initialState();
    const run = async (command: (now: Date) => ManifestationCommand) => {
      const events = decide(command(now), state, context);
      state = events.reduce(evolve, state);
      const stored = events.map((e, k) => ({
        id: `${protocol}-${(state as Manifestation).forwardings.length}-${k}-${e.type}`,
        type: e.type,
        data: e.data as unknown as Record<string, unknown>,
        metadata: {
          eventId: `${protocol}-${k}`,
          occurredAt: now.toISOString(),
          actor: { sub: 'gen', role: 'ouvidoria' },
          correlationId: 'c',
          causationId: 'c',
        },
      }));
      await store.append(`manifestation-${protocol}`, stored, 'any');
    };
    const requester =
      type === 'DENUNCIA' && rnd() < 0.5
        ? { kind: 'OUTRO' as const, anonymous: true }
        : { kind: pick(REQUESTER_KINDS), anonymous: false, name: 'X', email: 'x@example.com' };
    const data = {
      protocol,
      manifestationType: type,
      channel: pick(CHANNELS),
      requester,
      contractType: pick(CONTRACT_TYPES),
      theme: rnd() < 0.3 ? pick(THEMES) : undefined,
      subject: 's',
      description: 'd',
      deniedRequestProtocol: type === 'REANALISE' ? 'AUT-1' : undefined,
    };
    if (rnd() < 0.2) {
      await run((n) => ({
        type: 'EscalateFromSac',
        data: { ...data, escalationId: `e${i}`, sacProtocol: 'SAC', escalatedAt: n, reason: 'r' },
        metadata: { now: n },
      }));
    } else {
      await run((n) => ({ type: 'RegisterManifestation', data: { ...data, receivedAt: n }, metadata: { now: n } }));
    }
    if (rnd() < 0.5) await run((n) => ({ type: 'ClassifyManifestation', data: { theme: pick(THEMES) }, metadata: { now: n } }));
    if (type === 'REANALISE' && rnd() < 0.25) {
      const toType = pick(REANALISE_CONVERSION_TYPES);
      await run((n) => ({ type: 'ConvertReanalise', data: { toType, reason: 'Não há negativa de cobertura' }, metadata: { now: n } }));
    }
    const fate = rnd();
    if (fate < 0.1) {
      await run((n) => ({
        type: 'CloseManifestation',
        data: { reason: pick(['DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE'] as const) },
        metadata: { now: n },
      }));
      continue;
    }
    if (fate < 0.2) continue; // still open
    if (rnd() < 0.25) {
      await run((n) => ({
        type: 'ExtendDeadline',
        data: { justification: 'Aguardando documentos do prestador', businessDays: 8 + Math.floor(rnd() * 22), agreedWithRequester: true },
        metadata: { now: n },
      }));
    }
    now = new Date(now.getTime() + Math.floor(rnd() * 30) * DAY);
    const late = now.getTime() > Date.parse((state as Manifestation).deadline);
    const outcome =
      (state as Manifestation).type === 'REANALISE'
        ? pick(['DEFERIDA', 'INDEFERIDA'] as const)
        : pick(['PROCEDENTE', 'IMPROCEDENTE', 'PARCIALMENTE_PROCEDENTE', 'INFORMADA'] as const);
    await run((n) => ({
      type: 'AnswerManifestation',
      data: {
        text: 't',
        outcome,
        lateReason: late ? pick(['Prestador atrasou o laudo', 'Volume de demandas', 'Auditoria médica']) : undefined,
        reversalReason: outcome === 'DEFERIDA' ? pick(['Cobertura obrigatória', 'Erro de cadastro', 'Laudo complementar']) : undefined,
      },
      metadata: { now: n },
    }));
    if (rnd() < 0.7) await run((n) => ({ type: 'CloseManifestation', data: { reason: 'RESPONDIDA' }, metadata: { now: n } }));
    if (rnd() < 0.4) await run((n) => ({ type: 'RecordSatisfaction', data: { score: 1 + Math.floor(rnd() * 5) }, metadata: { now: n } }));
  }
}

/** Recommendations to management over the same years, some moved on to later stages. */
async function generateRecommendations(store: SqliteEventStore, count: number): Promise<void> {
  const rnd = random(323);
  const start = Date.parse('2025-06-01T12:00:00-03:00');
  for (let i = 1; i <= count; i++) {
    const recommendationId = `rec-${i}`;
    let state: RecommendationState = null;
    const now = new Date(start + Math.floor(rnd() * 600) * DAY);
    const run = async (command: RecommendationCommand) => {
      const events = decideRecommendation(command, state, context);
      state = events.reduce(evolveRecommendation, state);
      const stored = events.map((e, k) => ({
        id: `${recommendationId}-${state!.stages.length}-${k}`,
        type: e.type,
        data: e.data as unknown as Record<string, unknown>,
        metadata: {
          eventId: `${recommendationId}-${k}`,
          occurredAt: now.toISOString(),
          actor: { sub: 'gen', role: 'ouvidoria' },
          correlationId: 'c',
          causationId: 'c',
        },
      }));
      await store.append(recommendationStreamId(recommendationId), stored, 'any');
    };
    await run({
      type: 'MakeRecommendation',
      data: { recommendationId, department: 'regulacao', text: `Recomendação ${i}` },
      metadata: { now },
    });
    const fate = rnd();
    if (fate < 0.3) continue;
    if (fate < 0.6) await run({ type: 'ChangeRecommendationStage', data: { stage: 'EM_IMPLEMENTACAO' }, metadata: { now } });
    if (fate >= 0.45)
      await run({
        type: 'ChangeRecommendationStage',
        data: { stage: rnd() < 0.7 ? 'IMPLEMENTADA' : 'NAO_IMPLEMENTADA' },
        metadata: { now },
      });
  }
}

/** The report computed the other way: fold every case from the log and count in memory. */
function replayReport(cases: Manifestation[], recommendations: Recommendation[], year: number): ReaReport {
  const recommendationsOf = (y: number) => {
    const made = recommendations.filter((r) => Number(r.madeAt.slice(0, 4)) === y);
    const byStage = Object.fromEntries(RECOMMENDATION_STAGES.map((stage) => [stage, made.filter((r) => r.stage === stage).length]));
    return { made: made.length, byStage: byStage as Record<RecommendationStage, number> };
  };
  const inYear = cases.filter((m) => Number(m.receivedAt.slice(0, 4)) === year);
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const count = <K extends string>(list: Manifestation[], keys: readonly K[], key: (m: Manifestation) => K) => {
    const counts = zero(keys);
    for (const m of list) counts[key(m)]++;
    return counts;
  };
  const top = (values: string[]): ReasonCount[] => {
    const counts = new Map<string, number>();
    values.forEach((v) => counts.set(v, (counts.get(v) ?? 0) + 1));
    return [...counts]
      .map(([reason, n]) => ({ reason, count: n }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
      .slice(0, 10);
  };
  const round = (v: number) => Math.round(v * 100) / 100;
  const answered = inYear.filter((m) => m.answer);
  const timeliness = (t: string) => answered.filter((m) => m.answer!.timeliness === t).length;
  const themes = [...THEMES, UNCLASSIFIED] as const;
  const theme = (m: Manifestation) => m.theme ?? UNCLASSIFIED;
  const complaints = inYear.filter((m) => m.type === 'RECLAMACAO');
  const reviews = inYear.filter((m) => m.type === 'REANALISE' || m.convertedFromReanalise);
  const rated = inYear.filter((m) => m.satisfaction);
  const pct = (n: number) => (answered.length ? round((100 * n) / answered.length) : 0);
  return {
    year,
    totals: {
      received: inYear.length,
      answered: answered.length,
      openAtGeneration: inYear.filter((m) => !m.answer && !m.closed).length,
      closedWithoutAnswer: inYear.filter((m) => !m.answer && m.closed).length,
      fromSacEscalation: inYear.filter((m) => m.origin === 'SAC_ESCALATION').length,
    },
    byType: count(inYear, MANIFESTATION_TYPES, (m) => m.type),
    byChannel: count(inYear, CHANNELS, (m) => m.channel),
    byTheme: count(inYear, themes, theme),
    byContractType: count(inYear, CONTRACT_TYPES, (m) => m.contractType),
    byRequesterKind: count(inYear, REQUESTER_KINDS, (m) => m.requester.kind),
    complaints: {
      total: complaints.length,
      byTheme: count(complaints, themes, theme),
      byContractType: count(complaints, CONTRACT_TYPES, (m) => m.contractType),
      byRequesterKind: count(complaints, REQUESTER_KINDS, (m) => m.requester.kind),
    },
    reanalise: {
      received: reviews.length,
      deferida: reviews.filter((m) => m.answer?.outcome === 'DEFERIDA').length,
      indeferida: reviews.filter((m) => m.answer?.outcome === 'INDEFERIDA').length,
      convertedToManifestation: reviews.filter((m) => m.convertedFromReanalise).length,
      withdrawn: reviews.filter((m) => !m.answer && !m.convertedFromReanalise && m.closed?.reason === 'DESISTENCIA').length,
      closedWithoutAnswer: reviews.filter((m) => !m.answer && !m.convertedFromReanalise && m.closed && m.closed.reason !== 'DESISTENCIA')
        .length,
      pending: reviews.filter((m) => !m.answer && !m.convertedFromReanalise && !m.closed).length,
      mainReversalReasons: top(reviews.filter((m) => m.answer?.reversalReason).map((m) => m.answer!.reversalReason!)),
    },
    indicators: {
      answered: answered.length,
      withinDeadline: timeliness('WITHIN_DEADLINE'),
      withinAgreedDeadline: timeliness('WITHIN_AGREED_DEADLINE'),
      late: timeliness('LATE'),
      tmroBusinessDays: answered.length ? round(answered.reduce((s, m) => s + m.answer!.businessDaysTaken, 0) / answered.length) : 0,
      prdpPercent: pct(timeliness('WITHIN_DEADLINE')),
      prdppPercent: pct(timeliness('WITHIN_AGREED_DEADLINE')),
      prfpPercent: pct(timeliness('LATE')),
    },
    lateReasons: top(answered.filter((m) => m.answer!.lateReason).map((m) => m.answer!.lateReason!)),
    satisfaction: {
      respondents: rated.length,
      averageScore: rated.length ? round(rated.reduce((s, m) => s + m.satisfaction!.score, 0) / rated.length) : 0,
    },
    months: Array.from({ length: 12 }, (_, i) => {
      const month = inYear.filter((m) => Number(m.receivedAt.slice(5, 7)) === i + 1);
      const answeredIn = month.filter((m) => m.answer);
      const t = (x: string) => answeredIn.filter((m) => m.answer!.timeliness === x).length;
      return {
        month: i + 1,
        received: month.length,
        answered: answeredIn.length,
        withinDeadline: t('WITHIN_DEADLINE'),
        withinAgreedDeadline: t('WITHIN_AGREED_DEADLINE'),
        late: t('LATE'),
      };
    }),
    recommendations: { ...recommendationsOf(year), previousYear: { year: year - 1, ...recommendationsOf(year - 1) } },
  };
}

describe('REA-Ouvidorias report on a generated year (real SQLite files)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  let db: ReturnType<typeof openDatabase>;
  let cases: Manifestation[];
  let recommendations: Recommendation[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rea-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
    await generateYear(store, 600);
    await generateRecommendations(store, 60);
    db = openDatabase(join(dir, 'read-models.sqlite'), 'NORMAL');
    runner = new ProjectionRunner(store, oneDatabase(db), [new ReaProjection()]);
    await runner.start();
    const byStream = new Map<string, Awaited<ReturnType<typeof store.readAll>>>();
    for (const event of await store.readAll({ after: 0n, maxCount: 1_000_000 })) {
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    const streams = [...byStream.entries()];
    cases = streams.filter(([id]) => id.startsWith('manifestation-')).map(([, events]) => fold(manifestationDecider, events)!);
    recommendations = streams.filter(([id]) => id.startsWith('recommendation-')).map(([, events]) => fold(recommendationDecider, events)!);
  }, 60_000);

  afterAll(async () => {
    await runner.stop();
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([2025, 2026, 2027])('counts what a full replay of the log counts, for %i', (year) => {
    expect(buildReaReport(db, year)).toEqual(replayReport(cases, recommendations, year));
  });

  it('covers what the report is about: every type, extensions, late answers, reversals, conversions, ratings, recommendations', () => {
    const report = buildReaReport(db, 2026);
    expect(Object.values(report.byType).every((n) => n > 0)).toBe(true);
    expect(Object.values(report.byChannel).every((n) => n > 0)).toBe(true);
    expect(report.indicators.withinAgreedDeadline).toBeGreaterThan(0);
    expect(report.indicators.late).toBeGreaterThan(0);
    expect(report.reanalise.mainReversalReasons.length).toBeGreaterThan(0);
    expect(report.reanalise.convertedToManifestation).toBeGreaterThan(0);
    expect(report.satisfaction.respondents).toBeGreaterThan(0);
    expect(report.totals.fromSacEscalation).toBeGreaterThan(0);
    expect(Object.values(report.recommendations.byStage).every((n) => n > 0)).toBe(true);
    expect(buildReaReport(db, 2027).recommendations.previousYear).toEqual({
      year: 2026,
      ...report.recommendations,
      previousYear: undefined,
    });
    const { withinDeadline, withinAgreedDeadline, late, answered } = report.indicators;
    expect(withinDeadline + withinAgreedDeadline + late).toBe(answered);
  });

  it('answers zeros, not an error, for a year without cases', () => {
    const empty = buildReaReport(db, 2010);
    expect(empty.totals).toEqual({ received: 0, answered: 0, openAtGeneration: 0, closedWithoutAnswer: 0, fromSacEscalation: 0 });
    expect(empty.indicators).toEqual({
      answered: 0,
      withinDeadline: 0,
      withinAgreedDeadline: 0,
      late: 0,
      tmroBusinessDays: 0,
      prdpPercent: 0,
      prdppPercent: 0,
      prfpPercent: 0,
    });
    expect(empty.months.every((m) => m.received === 0)).toBe(true);
    expect(empty.byType.RECLAMACAO).toBe(0);
  });
});

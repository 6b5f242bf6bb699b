import {
  CHANNELS,
  CONTRACT_TYPES,
  MANIFESTATION_TYPES,
  RECOMMENDATION_STAGES,
  REQUESTER_KINDS,
  THEMES,
  type Channel,
  type ContractType,
  type ManifestationType,
  type RecommendationStage,
  type RequesterKind,
  type Theme,
} from '@app/domain';
import type Database from 'better-sqlite3';

import { CLOSED_UNANSWERED, CONVERTED, PENDING, UNCLASSIFIED, WITHDRAWN } from './rea-counters';

export { UNCLASSIFIED };

type Counts<K extends string> = Record<K, number>;
export interface ReasonCount {
  reason: string;
  count: number;
}

/** The quantitative items of the REA-Ouvidorias for one year (formulas in docs/rea-report.md). */
export interface ReaReport {
  year: number;
  totals: { received: number; answered: number; openAtGeneration: number; closedWithoutAnswer: number; fromSacEscalation: number };
  byType: Counts<ManifestationType>;
  byChannel: Counts<Channel>;
  byTheme: Counts<Theme | typeof UNCLASSIFIED>;
  byContractType: Counts<ContractType>;
  byRequesterKind: Counts<RequesterKind>;
  complaints: {
    total: number;
    byTheme: Counts<Theme | typeof UNCLASSIFIED>;
    byContractType: Counts<ContractType>;
    byRequesterKind: Counts<RequesterKind>;
  };
  reanalise: {
    received: number;
    deferida: number;
    indeferida: number;
    convertedToManifestation: number;
    /** Closed as DESISTENCIA without an answer: the requester withdrew the review. */
    withdrawn: number;
    /** Closed without an answer for another reason (DUPLICADA, NAO_PERTINENTE). */
    closedWithoutAnswer: number;
    /** Neither answered, converted nor closed yet. */
    pending: number;
    mainReversalReasons: ReasonCount[];
  };
  indicators: {
    answered: number;
    withinDeadline: number;
    withinAgreedDeadline: number;
    late: number;
    /** Average business days from receipt to answer. */
    tmroBusinessDays: number;
    prdpPercent: number;
    prdppPercent: number;
    prfpPercent: number;
  };
  lateReasons: ReasonCount[];
  satisfaction: { respondents: number; averageScore: number };
  months: Array<{ month: number; received: number; answered: number; withinDeadline: number; withinAgreedDeadline: number; late: number }>;
  /** Recommendations to management made in the year, and those of the year before, by their stage now. */
  recommendations: {
    made: number;
    byStage: Counts<RecommendationStage>;
    previousYear: { year: number; made: number; byStage: Counts<RecommendationStage> };
  };
}

const MAIN_REASONS = 10;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** The report of one year from its counters (`rea_counters`); a year without cases gives zeros. */
export function buildReaReport(db: Database.Database, year: number): ReaReport {
  const counters = readCounters(db, year);
  const value = (dimension: string, key = '') => counters.get(dimension)?.get(key) ?? 0;
  const previous = readCounters(db, year - 1);
  const previousValue = (dimension: string, key = '') => previous.get(dimension)?.get(key) ?? 0;
  const stages = (read: typeof value) =>
    Object.fromEntries(RECOMMENDATION_STAGES.map((stage) => [stage, read('recommendation_stage', stage)])) as Counts<RecommendationStage>;
  const countsOf = <K extends string>(dimension: string, keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, value(dimension, k)])) as Counts<K>;
  const topReasons = (dimension: string): ReasonCount[] =>
    [...(counters.get(dimension) ?? [])]
      .filter(([, count]) => count > 0)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
      .slice(0, MAIN_REASONS);

  const themes = [...THEMES, UNCLASSIFIED] as const;
  const answered = value('answered');
  const withinDeadline = value('timeliness', 'WITHIN_DEADLINE');
  const withinAgreedDeadline = value('timeliness', 'WITHIN_AGREED_DEADLINE');
  const late = value('timeliness', 'LATE');
  const rated = value('rated');
  return {
    year,
    totals: {
      received: value('received'),
      answered,
      openAtGeneration: value('open'),
      closedWithoutAnswer: value('closed_unanswered'),
      fromSacEscalation: value('sac'),
    },
    byType: countsOf('type', MANIFESTATION_TYPES),
    byChannel: countsOf('channel', CHANNELS),
    byTheme: countsOf('theme', themes),
    byContractType: countsOf('contract', CONTRACT_TYPES),
    byRequesterKind: countsOf('requester', REQUESTER_KINDS),
    complaints: {
      total: value('type', 'RECLAMACAO'),
      byTheme: countsOf('complaint_theme', themes),
      byContractType: countsOf('complaint_contract', CONTRACT_TYPES),
      byRequesterKind: countsOf('complaint_requester', REQUESTER_KINDS),
    },
    reanalise: {
      received: value('reanalise'),
      deferida: value('reanalise_outcome', 'DEFERIDA'),
      indeferida: value('reanalise_outcome', 'INDEFERIDA'),
      convertedToManifestation: value('reanalise_outcome', CONVERTED),
      withdrawn: value('reanalise_outcome', WITHDRAWN),
      closedWithoutAnswer: value('reanalise_outcome', CLOSED_UNANSWERED),
      pending: value('reanalise_outcome', PENDING),
      mainReversalReasons: topReasons('reversal_reason'),
    },
    indicators: {
      answered,
      withinDeadline,
      withinAgreedDeadline,
      late,
      tmroBusinessDays: round(ratio(value('business_days_sum'), answered)),
      prdpPercent: round(100 * ratio(withinDeadline, answered)),
      prdppPercent: round(100 * ratio(withinAgreedDeadline, answered)),
      prfpPercent: round(100 * ratio(late, answered)),
    },
    lateReasons: topReasons('late_reason'),
    satisfaction: { respondents: rated, averageScore: round(ratio(value('score_sum'), rated)) },
    months: Array.from({ length: 12 }, (_, i) => {
      const month = i + 1;
      return {
        month,
        received: value('month_received', String(month)),
        answered: value('month_answered', String(month)),
        withinDeadline: value('month_timeliness', `${month}:WITHIN_DEADLINE`),
        withinAgreedDeadline: value('month_timeliness', `${month}:WITHIN_AGREED_DEADLINE`),
        late: value('month_timeliness', `${month}:LATE`),
      };
    }),
    recommendations: {
      made: value('recommendations'),
      byStage: stages(value),
      previousYear: { year: year - 1, made: previousValue('recommendations'), byStage: stages(previousValue) },
    },
  };
}

/** A year's counters as dimension → key → value. */
function readCounters(db: Database.Database, year: number): Map<string, Map<string, number>> {
  const rows = db
    .prepare<[number], { dimension: string; key: string; value: number }>('SELECT dimension, key, value FROM rea_counters WHERE year = ?')
    .all(year);
  const counters = new Map<string, Map<string, number>>();
  for (const { dimension, key, value } of rows) {
    if (!counters.has(dimension)) counters.set(dimension, new Map());
    counters.get(dimension)!.set(key, value);
  }
  return counters;
}

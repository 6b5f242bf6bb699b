import {
  CHANNELS,
  CONTRACT_TYPES,
  MANIFESTATION_TYPES,
  REQUESTER_KINDS,
  THEMES,
  type Channel,
  type ContractType,
  type ManifestationType,
  type RequesterKind,
  type Theme,
} from '@app/domain';
import type Database from 'better-sqlite3';

/** A case not classified by theme yet is counted under this key. */
export const UNCLASSIFIED = 'NAO_CLASSIFICADO';

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
  reanalise: { received: number; deferida: number; indeferida: number; pending: number; mainReversalReasons: ReasonCount[] };
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
}

const MAIN_REASONS = 10;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const percent = (part: number, whole: number) => (whole === 0 ? 0 : round((100 * part) / whole));

/** Aggregates over `rea_cases` for one year; a year without cases gives zeros everywhere. */
export function buildReaReport(db: Database.Database, year: number): ReaReport {
  const countBy = <K extends string>(column: string, keys: readonly K[], where = '') => {
    const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
    const rows = db
      .prepare<[number], { key: K; n: number }>(
        `SELECT coalesce(${column}, '${UNCLASSIFIED}') AS key, count(*) AS n FROM rea_cases
         WHERE year = ? ${where} GROUP BY key`,
      )
      .all(year);
    for (const { key, n } of rows) counts[key] = n;
    return counts;
  };
  const reasons = (column: string, where: string): ReasonCount[] =>
    db
      .prepare<[number], ReasonCount>(
        `SELECT ${column} AS reason, count(*) AS count FROM rea_cases
         WHERE year = ? AND ${column} IS NOT NULL ${where}
         GROUP BY ${column} ORDER BY count DESC, reason LIMIT ${MAIN_REASONS}`,
      )
      .all(year);

  const totals = db
    .prepare<[number], Record<string, number>>(
      `SELECT count(*) AS received,
              count(outcome) AS answered,
              count(*) FILTER (WHERE outcome IS NULL AND closed_reason IS NULL) AS open,
              count(*) FILTER (WHERE outcome IS NULL AND closed_reason IS NOT NULL) AS closedWithoutAnswer,
              count(*) FILTER (WHERE sac_escalation = 1) AS fromSac,
              count(*) FILTER (WHERE timeliness = 'WITHIN_DEADLINE') AS withinDeadline,
              count(*) FILTER (WHERE timeliness = 'WITHIN_AGREED_DEADLINE') AS withinAgreed,
              count(*) FILTER (WHERE timeliness = 'LATE') AS late,
              coalesce(avg(business_days_taken), 0) AS tmro,
              count(satisfaction_score) AS respondents,
              coalesce(avg(satisfaction_score), 0) AS averageScore,
              count(*) FILTER (WHERE type = 'REANALISE') AS reanalise,
              count(*) FILTER (WHERE type = 'REANALISE' AND outcome = 'DEFERIDA') AS deferida,
              count(*) FILTER (WHERE type = 'REANALISE' AND outcome = 'INDEFERIDA') AS indeferida,
              count(*) FILTER (WHERE type = 'REANALISE' AND outcome IS NULL) AS reanalisePending,
              count(*) FILTER (WHERE type = 'RECLAMACAO') AS complaints
       FROM rea_cases WHERE year = ?`,
    )
    .get(year)!;
  const months = db
    .prepare<[number], { month: number; received: number; answered: number; withinDeadline: number; withinAgreed: number; late: number }>(
      `SELECT month, count(*) AS received, count(outcome) AS answered,
              count(*) FILTER (WHERE timeliness = 'WITHIN_DEADLINE') AS withinDeadline,
              count(*) FILTER (WHERE timeliness = 'WITHIN_AGREED_DEADLINE') AS withinAgreed,
              count(*) FILTER (WHERE timeliness = 'LATE') AS late
       FROM rea_cases WHERE year = ? GROUP BY month`,
    )
    .all(year);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const themes = [...THEMES, UNCLASSIFIED] as const;
  const complaint = `AND type = 'RECLAMACAO'`;

  return {
    year,
    totals: {
      received: totals.received,
      answered: totals.answered,
      openAtGeneration: totals.open,
      closedWithoutAnswer: totals.closedWithoutAnswer,
      fromSacEscalation: totals.fromSac,
    },
    byType: countBy('type', MANIFESTATION_TYPES),
    byChannel: countBy('channel', CHANNELS),
    byTheme: countBy('theme', themes),
    byContractType: countBy('contract_type', CONTRACT_TYPES),
    byRequesterKind: countBy('requester_kind', REQUESTER_KINDS),
    complaints: {
      total: totals.complaints,
      byTheme: countBy('theme', themes, complaint),
      byContractType: countBy('contract_type', CONTRACT_TYPES, complaint),
      byRequesterKind: countBy('requester_kind', REQUESTER_KINDS, complaint),
    },
    reanalise: {
      received: totals.reanalise,
      deferida: totals.deferida,
      indeferida: totals.indeferida,
      pending: totals.reanalisePending,
      mainReversalReasons: reasons('reversal_reason', `AND type = 'REANALISE' AND outcome = 'DEFERIDA'`),
    },
    indicators: {
      answered: totals.answered,
      withinDeadline: totals.withinDeadline,
      withinAgreedDeadline: totals.withinAgreed,
      late: totals.late,
      tmroBusinessDays: round(totals.tmro),
      prdpPercent: percent(totals.withinDeadline, totals.answered),
      prdppPercent: percent(totals.withinAgreed, totals.answered),
      prfpPercent: percent(totals.late, totals.answered),
    },
    lateReasons: reasons('late_reason', ''),
    satisfaction: { respondents: totals.respondents, averageScore: round(totals.averageScore) },
    months: Array.from({ length: 12 }, (_, i) => {
      const m = byMonth.get(i + 1);
      return {
        month: i + 1,
        received: m?.received ?? 0,
        answered: m?.answered ?? 0,
        withinDeadline: m?.withinDeadline ?? 0,
        withinAgreedDeadline: m?.withinAgreed ?? 0,
        late: m?.late ?? 0,
      };
    }),
  };
}

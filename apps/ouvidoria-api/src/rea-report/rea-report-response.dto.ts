import { CHANNELS, CONTRACT_TYPES, MANIFESTATION_TYPES, RECOMMENDATION_STAGES, REQUESTER_KINDS, THEMES } from '@app/domain';
import { ApiProperty, ApiSchema, type ApiPropertyOptions } from '@nestjs/swagger';
import type { ReaReport, ReasonCount } from './rea-report';
import { UNCLASSIFIED } from './rea-counters';

/** The response schema of GET /reports/rea (JSON); the formulas are in docs/rea-report.md. */

type Section<K extends keyof ReaReport> = ReaReport[K];
type Month = ReaReport['months'][number];
type PreviousYear = ReaReport['recommendations']['previousYear'];

const COUNT = { type: 'integer', minimum: 0 } as const;
const PERCENT = { type: 'number', minimum: 0, maximum: 100 } as const;

/** A count per code, every code present (zeros included). */
const countsOf = (keys: readonly string[], description?: string): ApiPropertyOptions => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((key) => [key, COUNT])),
  required: [...keys],
  ...(description ? { description } : {}),
});
const THEMES_OR_UNCLASSIFIED = [...THEMES, UNCLASSIFIED];

@ApiSchema({ name: 'ReaTotals' })
export class ReaTotalsDto implements Section<'totals'> {
  @ApiProperty(COUNT)
  received: number;

  @ApiProperty(COUNT)
  answered: number;

  @ApiProperty({ ...COUNT, description: 'Received in the year and still open when the report was made' })
  openAtGeneration: number;

  @ApiProperty(COUNT)
  closedWithoutAnswer: number;

  @ApiProperty(COUNT)
  fromSacEscalation: number;
}

@ApiSchema({ name: 'ReaComplaints', description: 'The RECLAMACAO cases' })
export class ReaComplaintsDto implements Section<'complaints'> {
  @ApiProperty(COUNT)
  total: number;

  @ApiProperty(countsOf(THEMES_OR_UNCLASSIFIED))
  byTheme: Section<'complaints'>['byTheme'];

  @ApiProperty(countsOf(CONTRACT_TYPES))
  byContractType: Section<'complaints'>['byContractType'];

  @ApiProperty(countsOf(REQUESTER_KINDS))
  byRequesterKind: Section<'complaints'>['byRequesterKind'];
}

@ApiSchema({ name: 'ReaReasonCount' })
export class ReaReasonCountDto implements ReasonCount {
  @ApiProperty()
  reason: string;

  @ApiProperty(COUNT)
  count: number;
}

@ApiSchema({ name: 'ReaReanalise', description: 'Coverage reviews (REANALISE)' })
export class ReaReanaliseDto implements Section<'reanalise'> {
  @ApiProperty(COUNT)
  received: number;

  @ApiProperty(COUNT)
  deferida: number;

  @ApiProperty(COUNT)
  indeferida: number;

  @ApiProperty(COUNT)
  convertedToManifestation: number;

  @ApiProperty({ ...COUNT, description: 'Closed as DESISTENCIA without an answer' })
  withdrawn: number;

  @ApiProperty({ ...COUNT, description: 'Closed without an answer for another reason (DUPLICADA, NAO_PERTINENTE)' })
  closedWithoutAnswer: number;

  @ApiProperty({ ...COUNT, description: 'Neither answered, converted nor closed yet' })
  pending: number;

  @ApiProperty({ type: () => [ReaReasonCountDto] })
  mainReversalReasons: ReaReasonCountDto[];
}

@ApiSchema({ name: 'ReaIndicators' })
export class ReaIndicatorsDto implements Section<'indicators'> {
  @ApiProperty(COUNT)
  answered: number;

  @ApiProperty(COUNT)
  withinDeadline: number;

  @ApiProperty(COUNT)
  withinAgreedDeadline: number;

  @ApiProperty(COUNT)
  late: number;

  @ApiProperty({ type: 'number', minimum: 0, description: 'Average business days from receipt to answer (TMRO)' })
  tmroBusinessDays: number;

  @ApiProperty(PERCENT)
  prdpPercent: number;

  @ApiProperty(PERCENT)
  prdppPercent: number;

  @ApiProperty(PERCENT)
  prfpPercent: number;
}

@ApiSchema({ name: 'ReaSatisfaction' })
export class ReaSatisfactionDto implements Section<'satisfaction'> {
  @ApiProperty(COUNT)
  respondents: number;

  @ApiProperty({ type: 'number', minimum: 0, maximum: 5, description: '0 when nobody answered' })
  averageScore: number;
}

@ApiSchema({ name: 'ReaMonth' })
export class ReaMonthDto implements Month {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 })
  month: number;

  @ApiProperty(COUNT)
  received: number;

  @ApiProperty(COUNT)
  answered: number;

  @ApiProperty(COUNT)
  withinDeadline: number;

  @ApiProperty(COUNT)
  withinAgreedDeadline: number;

  @ApiProperty(COUNT)
  late: number;
}

@ApiSchema({ name: 'ReaPreviousYearRecommendations' })
export class ReaPreviousYearRecommendationsDto implements PreviousYear {
  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty(COUNT)
  made: number;

  @ApiProperty(countsOf(RECOMMENDATION_STAGES, 'By the stage they stand at now'))
  byStage: Section<'recommendations'>['byStage'];
}

@ApiSchema({ name: 'ReaRecommendations' })
export class ReaRecommendationsDto implements Section<'recommendations'> {
  @ApiProperty(COUNT)
  made: number;

  @ApiProperty(countsOf(RECOMMENDATION_STAGES, 'By the stage they stand at now'))
  byStage: Section<'recommendations'>['byStage'];

  @ApiProperty({ type: () => ReaPreviousYearRecommendationsDto })
  previousYear: ReaPreviousYearRecommendationsDto;
}

@ApiSchema({ name: 'ReaReport', description: 'The quantitative items of the REA-Ouvidorias for one year (docs/rea-report.md)' })
export class ReaReportDto implements ReaReport {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100 })
  year: number;

  @ApiProperty({ type: () => ReaTotalsDto })
  totals: ReaTotalsDto;

  @ApiProperty(countsOf(MANIFESTATION_TYPES))
  byType: ReaReport['byType'];

  @ApiProperty(countsOf(CHANNELS))
  byChannel: ReaReport['byChannel'];

  @ApiProperty(countsOf(THEMES_OR_UNCLASSIFIED))
  byTheme: ReaReport['byTheme'];

  @ApiProperty(countsOf(CONTRACT_TYPES))
  byContractType: ReaReport['byContractType'];

  @ApiProperty(countsOf(REQUESTER_KINDS))
  byRequesterKind: ReaReport['byRequesterKind'];

  @ApiProperty({ type: () => ReaComplaintsDto })
  complaints: ReaComplaintsDto;

  @ApiProperty({ type: () => ReaReanaliseDto })
  reanalise: ReaReanaliseDto;

  @ApiProperty({ type: () => ReaIndicatorsDto })
  indicators: ReaIndicatorsDto;

  @ApiProperty({ type: () => [ReaReasonCountDto] })
  lateReasons: ReaReasonCountDto[];

  @ApiProperty({ type: () => ReaSatisfactionDto })
  satisfaction: ReaSatisfactionDto;

  @ApiProperty({ type: () => [ReaMonthDto], description: 'Month by month (local date of receipt)' })
  months: ReaMonthDto[];

  @ApiProperty({ type: () => ReaRecommendationsDto })
  recommendations: ReaRecommendationsDto;
}

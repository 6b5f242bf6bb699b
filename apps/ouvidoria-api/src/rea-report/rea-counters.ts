import type { AnswerOutcome, Channel, CloseReason, ContractType, ManifestationType, RequesterKind, Theme, Timeliness } from '@app/domain';

/** A manifestation not classified by theme yet is counted under this key. */
export const UNCLASSIFIED = 'NAO_CLASSIFICADO';

/** Review outcomes besides the answers: turned into an ordinary manifestation, withdrawn, closed otherwise, still open. */
export const CONVERTED = 'CONVERTIDA';
export const WITHDRAWN = 'DESISTENCIA';
export const CLOSED_UNANSWERED = 'ENCERRADA_SEM_RESPOSTA';
export const PENDING = 'PENDING';

/** What the REA-Ouvidorias needs to know of one manifestation. */
export interface ReaManifestation {
  year: number;
  month: number;
  type: ManifestationType;
  channel: Channel;
  theme: Theme | null;
  contractType: ContractType;
  requesterKind: RequesterKind;
  sac: boolean;
  /** Received as a REANALISE and turned into `type`. */
  convertedFromReanalise?: boolean;
  closed: boolean;
  /** Why it was closed; with `closed`. */
  closeReason?: CloseReason;
  answer?: { outcome: AnswerOutcome; timeliness: Timeliness; businessDaysTaken: number; lateReason?: string; reversalReason?: string };
  score?: number;
}

/** The counters a manifestation adds to its year, as `dimension\0key` → amount. */
export function contributions(c: ReaManifestation): Map<string, number> {
  const counters = new Map<string, number>();
  const add = (dimension: string, key: string | number = '', amount = 1) =>
    counters.set(`${dimension}\u0000${key}`, (counters.get(`${dimension}\u0000${key}`) ?? 0) + amount);
  const theme = c.theme ?? UNCLASSIFIED;
  add('received');
  add('type', c.type);
  add('channel', c.channel);
  add('theme', theme);
  add('contract', c.contractType);
  add('requester', c.requesterKind);
  add('month_received', c.month);
  if (c.sac) add('sac');
  if (c.type === 'RECLAMACAO') {
    add('complaint_theme', theme);
    add('complaint_contract', c.contractType);
    add('complaint_requester', c.requesterKind);
  }
  if (c.answer) {
    add('answered');
    add('timeliness', c.answer.timeliness);
    add('business_days_sum', '', c.answer.businessDaysTaken);
    add('month_answered', c.month);
    add('month_timeliness', `${c.month}:${c.answer.timeliness}`);
    if (c.answer.lateReason) add('late_reason', c.answer.lateReason);
  } else {
    add(c.closed ? 'closed_unanswered' : 'open');
  }
  if (c.type === 'REANALISE' || c.convertedFromReanalise) {
    add('reanalise');
    const outcome = c.convertedFromReanalise ? CONVERTED : (c.answer?.outcome ?? unansweredReview(c));
    add('reanalise_outcome', outcome);
    if (outcome === 'DEFERIDA' && c.answer?.reversalReason) add('reversal_reason', c.answer.reversalReason);
  }
  if (c.score !== undefined) {
    add('rated');
    add('score_sum', '', c.score);
  }
  return counters;
}

/** Where an unanswered review stands: withdrawn by the requester, closed for another reason, or pending. */
function unansweredReview(c: ReaManifestation): string {
  if (!c.closed) return PENDING;
  return c.closeReason === 'DESISTENCIA' ? WITHDRAWN : CLOSED_UNANSWERED;
}

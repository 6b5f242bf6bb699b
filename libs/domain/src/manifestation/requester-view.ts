import type { AnswerOutcome, CloseReason, ManifestationType } from './codes';
import type { IsoInstant } from './events';
import { pendingClarification, type Manifestation } from './state';

/** Where the case stands, as the requester is told: no internal step, department or person. */
export const REQUESTER_STATUSES = ['RECEIVED', 'IN_ANALYSIS', 'AWAITING_YOUR_REPLY', 'ANSWERED', 'CLOSED'] as const;
export type RequesterStatus = (typeof REQUESTER_STATUSES)[number];

const STATUS_TEXT: Record<RequesterStatus, string> = {
  RECEIVED: 'Recebida: sua manifestação foi registrada e será analisada pela Ouvidoria.',
  IN_ANALYSIS: 'Em análise pela Ouvidoria.',
  AWAITING_YOUR_REPLY: 'Aguardando sua resposta a um pedido de esclarecimento da Ouvidoria.',
  ANSWERED: 'Respondida: a resposta da Ouvidoria está abaixo.',
  CLOSED: 'Encerrada.',
};

const CLOSED_WITHOUT_ANSWER: Record<Exclude<CloseReason, 'RESPONDIDA'>, string> = {
  DUPLICADA: 'Encerrada: registrada em duplicidade com outra manifestação.',
  DESISTENCIA: 'Encerrada a seu pedido (desistência).',
  NAO_PERTINENTE: 'Encerrada: o assunto não é tratado pela Ouvidoria.',
};

/** RN 323 has no pause: said wherever the requester sees a pending question. */
export const DEADLINE_KEEPS_RUNNING = 'O prazo de resposta da Ouvidoria continua correndo enquanto aguardamos seu esclarecimento.';

export interface RequesterView {
  protocol: string;
  type: ManifestationType;
  status: RequesterStatus;
  statusText: string;
  receivedAt: IsoInstant;
  /** The answer is due by then (the agreed one after an extension). */
  deadline: IsoInstant;
  extension?: { justification: string; extendedAt: IsoInstant };
  pendingClarification?: { clarificationId: string; question: string; requestedAt: IsoInstant; note: string };
  answer?: { text: string; outcome: AnswerOutcome; answeredAt: IsoInstant };
  satisfactionRecorded: boolean;
}

/** The case as its requester may see it with their access code: what RN 323 says they must be told, nothing internal. */
export function requesterView(state: Manifestation): RequesterView {
  const pending = pendingClarification(state);
  const status = requesterStatus(state);
  const closedWithout = state.closed && state.closed.reason !== 'RESPONDIDA' ? CLOSED_WITHOUT_ANSWER[state.closed.reason] : undefined;
  return {
    protocol: state.protocol,
    type: state.type,
    status,
    statusText: closedWithout ?? STATUS_TEXT[status],
    receivedAt: state.receivedAt,
    deadline: state.deadline,
    ...(state.extension ? { extension: { justification: state.extension.justification, extendedAt: state.extension.extendedAt } } : {}),
    ...(pending
      ? {
          pendingClarification: {
            clarificationId: pending.clarificationId,
            question: pending.question,
            requestedAt: pending.requestedAt,
            note: DEADLINE_KEEPS_RUNNING,
          },
        }
      : {}),
    ...(state.answer ? { answer: { text: state.answer.text, outcome: state.answer.outcome, answeredAt: state.answer.answeredAt } } : {}),
    satisfactionRecorded: state.satisfaction !== undefined,
  };
}

function requesterStatus(state: Manifestation): RequesterStatus {
  if (state.status === 'CLOSED') return 'CLOSED';
  if (state.status === 'ANSWERED') return 'ANSWERED';
  if (pendingClarification(state)) return 'AWAITING_YOUR_REPLY';
  const worked = state.forwardings.length > 0 || state.clarifications.length > 0 || state.theme !== null || state.extended;
  return worked ? 'IN_ANALYSIS' : 'RECEIVED';
}

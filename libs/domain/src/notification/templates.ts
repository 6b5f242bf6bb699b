import type { AnswerOutcome, CloseReason } from '../manifestation/codes';

/**
 * Every text the requester receives, in one place (Portuguese, plain words). Dates come as the
 * stored instants, already in the operator's offset, and are shown as dd/mm/yyyy.
 */
export const day = (instant: string): string => `${instant.slice(8, 10)}/${instant.slice(5, 7)}/${instant.slice(0, 4)}`;

const FOLLOW = 'Acompanhe pelo número do protocolo e pelo código de acesso informado no registro.';

const OUTCOMES: Record<AnswerOutcome, string> = {
  PROCEDENTE: 'procedente',
  IMPROCEDENTE: 'improcedente',
  PARCIALMENTE_PROCEDENTE: 'parcialmente procedente',
  INFORMADA: 'informação prestada',
  DEFERIDA: 'deferida',
  INDEFERIDA: 'indeferida',
};

const CLOSINGS: Record<CloseReason, string> = {
  RESPONDIDA: 'foi encerrada após a resposta',
  DUPLICADA: 'foi encerrada por estar registrada em duplicidade',
  DESISTENCIA: 'foi encerrada a seu pedido',
  NAO_PERTINENTE: 'foi encerrada por tratar de assunto que não cabe à Ouvidoria',
};

export interface NotificationText {
  subject: string;
  text: string;
}

export const TEMPLATES = {
  registered: (protocol: string, deadline: string): NotificationText => ({
    subject: `Ouvidoria: manifestação ${protocol} registrada`,
    text: `Sua manifestação foi registrada com o protocolo ${protocol}. A Ouvidoria responderá até ${day(deadline)}. ${FOLLOW}`,
  }),
  deadlineExtended: (protocol: string, deadline: string, justification: string): NotificationText => ({
    subject: `Ouvidoria: novo prazo para a manifestação ${protocol}`,
    text: `O prazo de resposta da manifestação ${protocol} foi prorrogado para ${day(deadline)}, como combinado com você. Motivo: ${justification}`,
  }),
  clarificationRequested: (protocol: string, question: string): NotificationText => ({
    subject: `Ouvidoria: precisamos de uma informação sobre a manifestação ${protocol}`,
    text: `Para analisar a manifestação ${protocol}, a Ouvidoria pergunta: ${question} Responda pela consulta da manifestação ou pelo telefone da Ouvidoria. O prazo de resposta continua correndo.`,
  }),
  answered: (protocol: string, outcome: AnswerOutcome, answer: string): NotificationText => ({
    subject: `Ouvidoria: resposta à manifestação ${protocol}`,
    text: `A Ouvidoria respondeu à manifestação ${protocol} (${OUTCOMES[outcome]}): ${answer} Você pode avaliar o atendimento pela consulta da manifestação.`,
  }),
  closed: (protocol: string, reason: CloseReason): NotificationText => ({
    subject: `Ouvidoria: manifestação ${protocol} encerrada`,
    text: `A manifestação ${protocol} ${CLOSINGS[reason]}.`,
  }),
};

/**
 * Regulatory codes. They are part of the public API and of the stored events,
 * and they match the vocabulary of the REA-Ouvidorias forms: never rename one.
 */
export const MANIFESTATION_TYPES = ['RECLAMACAO', 'DENUNCIA', 'SUGESTAO', 'ELOGIO', 'CONSULTA', 'REANALISE'] as const;
export type ManifestationType = (typeof MANIFESTATION_TYPES)[number];

/**
 * What a REANALISE may be turned into when it is not a review of a coverage denial after all
 * (the REA-Ouvidorias counts these). Not a DENUNCIA: its requester protections were not applied.
 */
export const REANALISE_CONVERSION_TYPES = ['RECLAMACAO', 'CONSULTA', 'SUGESTAO', 'ELOGIO'] as const;
export type ReanaliseConversionType = (typeof REANALISE_CONVERSION_TYPES)[number];

export const CHANNELS = ['TELEFONE', 'EMAIL', 'PORTAL', 'APP', 'PRESENCIAL', 'CARTA', 'OUTRO'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REQUESTER_KINDS = ['BENEFICIARIO', 'CORRETOR', 'GESTOR_CONTRATO', 'PRESTADOR', 'OUTRO'] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

export const CONTRACT_TYPES = ['INDIVIDUAL_FAMILIAR', 'COLETIVO_EMPRESARIAL', 'COLETIVO_ADESAO', 'NAO_IDENTIFICADO'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const THEMES = ['ADMINISTRATIVO', 'COBERTURA_ASSISTENCIAL', 'FINANCEIRO', 'REDE_PRESTADORA', 'ATENDIMENTO_SAC'] as const;
export type Theme = (typeof THEMES)[number];

export const ANSWER_OUTCOMES = ['PROCEDENTE', 'IMPROCEDENTE', 'PARCIALMENTE_PROCEDENTE', 'INFORMADA', 'DEFERIDA', 'INDEFERIDA'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];
/** Outcomes of a coverage review (REANALISE); every other type takes the remaining ones. */
export const REANALISE_OUTCOMES: readonly AnswerOutcome[] = ['DEFERIDA', 'INDEFERIDA'];

export const CLOSE_REASONS = ['RESPONDIDA', 'DUPLICADA', 'DESISTENCIA', 'NAO_PERTINENTE'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const MANIFESTATION_STATUSES = ['OPEN', 'ANSWERED', 'CLOSED'] as const;
export type ManifestationStatus = (typeof MANIFESTATION_STATUSES)[number];

export const ORIGINS = ['DIRECT', 'SAC_ESCALATION'] as const;
export type Origin = (typeof ORIGINS)[number];

export const TIMELINESS = ['WITHIN_DEADLINE', 'WITHIN_AGREED_DEADLINE', 'LATE'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const FORWARDING_STATUSES = ['PENDING', 'REPLIED'] as const;
export type ForwardingStatus = (typeof FORWARDING_STATUSES)[number];

/** A department's code, as used in forwardings, inbox routes and department tokens. */
export const DEPARTMENT_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,49}$/;

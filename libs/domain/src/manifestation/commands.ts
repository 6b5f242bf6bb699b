import type { AnswerOutcome, Channel, CloseReason, ContractType, ManifestationType, ReanaliseConversionType, Theme } from './codes';
import type { AttachmentAdded, ClarificationReplySource, Requester } from './events';

/** Every command carries the instant it is decided at: the domain never reads a clock. */
interface Command<T extends string, D> {
  type: T;
  data: D;
  metadata: { now: Date };
}

export interface RegistrationData {
  protocol: string;
  manifestationType: ManifestationType;
  channel: Channel;
  requester: Requester;
  contractType?: ContractType;
  theme?: Theme;
  subject: string;
  description: string;
  sacProtocol?: string;
  deniedRequestProtocol?: string;
  /** Defaults to `now`. */
  receivedAt?: Date;
  /** Hash of the access code the registration answers to the requester (see `AccessCodeHash`). */
  accessCodeHash?: string;
}

export type RegisterManifestation = Command<'RegisterManifestation', RegistrationData>;

export type EscalateFromSac = Command<
  'EscalateFromSac',
  Omit<RegistrationData, 'receivedAt' | 'sacProtocol'> & {
    escalationId: string;
    sacProtocol: string;
    escalatedAt: Date;
    reason: string;
  }
>;

export type ClassifyManifestation = Command<'ClassifyManifestation', { theme: Theme }>;

/** Turns a REANALISE that is no review of a denial into an ordinary manifestation. */
export type ConvertReanalise = Command<'ConvertReanalise', { toType: ReanaliseConversionType; reason: string }>;

export type ForwardToManagement = Command<
  'ForwardToManagement',
  {
    forwardingId: string;
    department: string;
    instructions: string;
    dueInBusinessDays: number;
    /** Let the department see the requester's e-mail and phone; never for a DENUNCIA. */
    shareRequesterContact?: boolean;
    /** Attachments of the case the department may see. */
    attachmentIds?: string[];
  }
>;

export type ReplyFromManagement = Command<'ReplyFromManagement', { forwardingId: string; text: string }>;

export type ExtendDeadline = Command<'ExtendDeadline', { justification: string; businessDays: number; agreedWithRequester: boolean }>;

export type AnswerManifestation = Command<
  'AnswerManifestation',
  {
    text: string;
    outcome: AnswerOutcome;
    lateReason?: string;
    /** Why a denied coverage was reversed (DEFERIDA only): the REA-Ouvidorias asks for the main reasons. */
    reversalReason?: string;
  }
>;

export type CloseManifestation = Command<'CloseManifestation', { reason: CloseReason; note?: string }>;

export type RecordSatisfaction = Command<'RecordSatisfaction', { score: number; comment?: string }>;

export type ReissueAccessCode = Command<'ReissueAccessCode', { accessCodeHash: string }>;

export type RequestClarification = Command<'RequestClarification', { clarificationId: string; question: string }>;

export type ReplyToClarification = Command<
  'ReplyToClarification',
  { clarificationId: string; text: string; receivedVia: ClarificationReplySource }
>;

export type AddAttachment = Command<'AddAttachment', Omit<AttachmentAdded['data'], 'addedAt'> & { maxCaseBytes: number }>;

export type ManifestationCommand =
  | RegisterManifestation
  | EscalateFromSac
  | ClassifyManifestation
  | ConvertReanalise
  | ForwardToManagement
  | ReplyFromManagement
  | ExtendDeadline
  | AnswerManifestation
  | CloseManifestation
  | RecordSatisfaction
  | ReissueAccessCode
  | RequestClarification
  | ReplyToClarification
  | AddAttachment;

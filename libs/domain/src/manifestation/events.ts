import type {
  AnswerOutcome,
  Channel,
  CloseReason,
  ContractType,
  ManifestationType,
  ReanaliseConversionType,
  RequesterKind,
  Theme,
  Timeliness,
} from './codes';

/** Instants are ISO-8601 strings with the operator's local offset. */
export type IsoInstant = string;

export interface Requester {
  kind: RequesterKind;
  anonymous: boolean;
  name?: string;
  document?: string;
  email?: string;
  phone?: string;
  beneficiaryCard?: string;
}

export interface ManifestationRegistered {
  type: 'ManifestationRegistered';
  data: {
    protocol: string;
    manifestationType: ManifestationType;
    channel: Channel;
    requester: Requester;
    contractType: ContractType;
    theme?: Theme;
    subject: string;
    description: string;
    sacProtocol?: string;
    deniedRequestProtocol?: string;
    receivedAt: IsoInstant;
    registeredAt: IsoInstant;
    deadline: IsoInstant;
    deadlineBusinessDays: number;
    /** Slow salted hash of the requester's access code (`AccessCodeHash`); absent when none was issued at registration. */
    accessCodeHash?: string;
  };
}

/** A new access code replaced the old one (the requester lost it): only its hash is kept. */
export interface AccessCodeReissued {
  type: 'AccessCodeReissued';
  data: { accessCodeHash: string; reissuedAt: IsoInstant };
}

/** The Ouvidoria asked the requester a question; RN 323 has no pause: the deadline keeps running. */
export interface ClarificationRequested {
  type: 'ClarificationRequested';
  data: { clarificationId: string; question: string; requestedAt: IsoInstant };
}

/** Who brought the requester's reply in: the requester on the public route, or an analyst who took it by phone. */
export const CLARIFICATION_REPLY_SOURCES = ['REQUESTER', 'ANALYST'] as const;
export type ClarificationReplySource = (typeof CLARIFICATION_REPLY_SOURCES)[number];

export interface ClarificationReplied {
  type: 'ClarificationReplied';
  data: { clarificationId: string; text: string; receivedVia: ClarificationReplySource; repliedAt: IsoInstant };
}

export interface EscalatedFromSac {
  type: 'EscalatedFromSac';
  data: { escalationId: string; sacProtocol: string; escalatedAt: IsoInstant; reason: string };
}

export interface ManifestationClassified {
  type: 'ManifestationClassified';
  data: { theme: Theme; classifiedAt: IsoInstant };
}

export interface ForwardedToManagement {
  type: 'ForwardedToManagement';
  data: {
    forwardingId: string;
    department: string;
    instructions: string;
    forwardedAt: IsoInstant;
    dueAt: IsoInstant;
    dueInBusinessDays: number;
    shareRequesterContact: boolean;
    /** The case's attachments the department may see (ids); none when absent. */
    attachmentIds?: string[];
  };
}

/** Who brought an attachment in: the Ouvidoria, or the requester on the public route. */
export const ATTACHMENT_SOURCES = ['OUVIDORIA', 'REQUESTER'] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

/**
 * A file joined to the case. Its bytes are in the blob store, sealed with the data subject's key
 * (`blobKey`: the SHA-256 of what is stored); `sha256` is of the file as received.
 */
export interface AttachmentAdded {
  type: 'AttachmentAdded';
  data: {
    attachmentId: string;
    name: string;
    mediaType: string;
    size: number;
    sha256: string;
    blobKey: string;
    /** Which of the data subject's keys sealed the bytes. */
    keyId: string;
    addedBy: AttachmentSource;
    addedAt: IsoInstant;
  };
}

export interface ReanaliseConverted {
  type: 'ReanaliseConverted';
  data: { toType: ReanaliseConversionType; reason: string; convertedAt: IsoInstant };
}

export interface ManagementReplied {
  type: 'ManagementReplied';
  data: { forwardingId: string; department: string; text: string; repliedAt: IsoInstant };
}

export interface DeadlineExtended {
  type: 'DeadlineExtended';
  data: {
    previousDeadline: IsoInstant;
    newDeadline: IsoInstant;
    businessDays: number;
    justification: string;
    agreedWithRequester: true;
    extendedAt: IsoInstant;
  };
}

export interface ManifestationAnswered {
  type: 'ManifestationAnswered';
  data: {
    text: string;
    outcome: AnswerOutcome;
    answeredAt: IsoInstant;
    deadline: IsoInstant;
    timeliness: Timeliness;
    businessDaysTaken: number;
    lateReason?: string;
    reversalReason?: string;
  };
}

export interface ManifestationClosed {
  type: 'ManifestationClosed';
  data: { reason: CloseReason; note?: string; closedAt: IsoInstant };
}

export interface SatisfactionRecorded {
  type: 'SatisfactionRecorded';
  data: { score: number; comment?: string; recordedAt: IsoInstant };
}

export type ManifestationEvent =
  | ManifestationRegistered
  | EscalatedFromSac
  | ManifestationClassified
  | ReanaliseConverted
  | ForwardedToManagement
  | ManagementReplied
  | DeadlineExtended
  | ManifestationAnswered
  | ManifestationClosed
  | SatisfactionRecorded
  | AccessCodeReissued
  | ClarificationRequested
  | ClarificationReplied
  | AttachmentAdded;

export type ManifestationEventType = ManifestationEvent['type'];

/** Every event type a case stream holds, at run time (e.g. for what the Kafka relay documents). */
export const MANIFESTATION_EVENT_TYPES = [
  'ManifestationRegistered',
  'EscalatedFromSac',
  'ManifestationClassified',
  'ReanaliseConverted',
  'ForwardedToManagement',
  'ManagementReplied',
  'DeadlineExtended',
  'ManifestationAnswered',
  'ManifestationClosed',
  'SatisfactionRecorded',
  'AccessCodeReissued',
  'ClarificationRequested',
  'ClarificationReplied',
  'AttachmentAdded',
] as const satisfies readonly ManifestationEventType[];

// Fails to compile when an event type is added to the union and not to the list.
type Unlisted = Exclude<ManifestationEventType, (typeof MANIFESTATION_EVENT_TYPES)[number]>;
export const EVERY_EVENT_TYPE_LISTED: [Unlisted] extends [never] ? true : never = true;

/** An event's data as shown to people (history, subject access): without the access code's hash, a key to the case rather than a fact of it. */
export function shownData(data: Record<string, unknown>): Record<string, unknown> {
  const { accessCodeHash: _, ...shown } = data;
  return shown;
}

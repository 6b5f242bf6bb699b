import type {
  AnswerOutcome,
  ManifestationStatus,
  Channel,
  CloseReason,
  ContractType,
  ForwardingStatus,
  ManifestationType,
  Origin,
  Theme,
  Timeliness,
} from './codes';
import type { AttachmentAdded, ClarificationReplySource, IsoInstant, ManifestationEvent, Requester } from './events';

export interface Forwarding {
  forwardingId: string;
  department: string;
  instructions: string;
  forwardedAt: IsoInstant;
  dueAt: IsoInstant;
  shareRequesterContact: boolean;
  /** The attachments shared with the department. */
  attachmentIds: string[];
  status: ForwardingStatus;
  reply?: { text: string; repliedAt: IsoInstant };
}

export type Attachment = AttachmentAdded['data'];

export interface Clarification {
  clarificationId: string;
  question: string;
  requestedAt: IsoInstant;
  reply?: { text: string; receivedVia: ClarificationReplySource; repliedAt: IsoInstant };
}

export interface Manifestation {
  protocol: string;
  type: ManifestationType;
  channel: Channel;
  origin: Origin;
  status: ManifestationStatus;
  theme: Theme | null;
  contractType: ContractType;
  requester: Requester;
  subject: string;
  description: string;
  sacProtocol: string | null;
  deniedRequestProtocol: string | null;
  escalation?: { escalationId: string; escalatedAt: IsoInstant; reason: string };
  /** Set when the case came in as a REANALISE and was turned into `type`. */
  convertedFromReanalise?: { reason: string; at: IsoInstant };
  receivedAt: IsoInstant;
  deadline: IsoInstant;
  extended: boolean;
  extension?: { businessDays: number; justification: string; extendedAt: IsoInstant };
  forwardings: Forwarding[];
  answer?: {
    text: string;
    outcome: AnswerOutcome;
    answeredAt: IsoInstant;
    timeliness: Timeliness;
    businessDaysTaken: number;
    lateReason?: string;
    reversalReason?: string;
  };
  closed?: { reason: CloseReason; at: IsoInstant; note?: string };
  satisfaction?: { score: number; comment?: string; recordedAt: IsoInstant };
  clarifications: Clarification[];
  attachments: Attachment[];
  /** The hash the requester's access code is checked against; never shown (see `toView`). */
  accessCode?: { hash: string; issuedAt: IsoInstant };
}

/** `null` until the case is registered. */
export type ManifestationState = Manifestation | null;

export const initialState = (): ManifestationState => null;

export function evolve(state: ManifestationState, event: ManifestationEvent): ManifestationState {
  if (event.type === 'ManifestationRegistered') {
    const d = event.data;
    return {
      protocol: d.protocol,
      type: d.manifestationType,
      channel: d.channel,
      origin: 'DIRECT',
      status: 'OPEN',
      theme: d.theme ?? null,
      contractType: d.contractType,
      requester: d.requester,
      subject: d.subject,
      description: d.description,
      sacProtocol: d.sacProtocol ?? null,
      deniedRequestProtocol: d.deniedRequestProtocol ?? null,
      receivedAt: d.receivedAt,
      deadline: d.deadline,
      extended: false,
      forwardings: [],
      clarifications: [],
      attachments: [],
      ...(d.accessCodeHash ? { accessCode: { hash: d.accessCodeHash, issuedAt: d.registeredAt } } : {}),
    };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'EscalatedFromSac': {
      const { escalationId, escalatedAt, reason, sacProtocol } = event.data;
      return { ...state, origin: 'SAC_ESCALATION', sacProtocol, escalation: { escalationId, escalatedAt, reason } };
    }
    case 'ManifestationClassified':
      return { ...state, theme: event.data.theme };
    case 'ReanaliseConverted': {
      const { toType, reason, convertedAt } = event.data;
      return { ...state, type: toType, convertedFromReanalise: { reason, at: convertedAt } };
    }
    case 'ForwardedToManagement': {
      const { forwardingId, department, instructions, forwardedAt, dueAt, shareRequesterContact, attachmentIds = [] } = event.data;
      const forwarding: Forwarding = {
        forwardingId,
        department,
        instructions,
        forwardedAt,
        dueAt,
        shareRequesterContact,
        attachmentIds,
        status: 'PENDING',
      };
      return { ...state, forwardings: [...state.forwardings, forwarding] };
    }
    case 'ManagementReplied': {
      const { forwardingId, text, repliedAt } = event.data;
      const forwardings = state.forwardings.map((f): Forwarding =>
        f.forwardingId === forwardingId ? { ...f, status: 'REPLIED', reply: { text, repliedAt } } : f,
      );
      return { ...state, forwardings };
    }
    case 'DeadlineExtended': {
      const { newDeadline, businessDays, justification, extendedAt } = event.data;
      return { ...state, deadline: newDeadline, extended: true, extension: { businessDays, justification, extendedAt } };
    }
    case 'ManifestationAnswered': {
      const { text, outcome, answeredAt, timeliness, businessDaysTaken, lateReason, reversalReason } = event.data;
      const answer = {
        text,
        outcome,
        answeredAt,
        timeliness,
        businessDaysTaken,
        ...(lateReason ? { lateReason } : {}),
        ...(reversalReason ? { reversalReason } : {}),
      };
      return { ...state, status: 'ANSWERED', answer };
    }
    case 'ManifestationClosed': {
      const { reason, closedAt, note } = event.data;
      return { ...state, status: 'CLOSED', closed: { reason, at: closedAt, ...(note ? { note } : {}) } };
    }
    case 'SatisfactionRecorded':
      return { ...state, satisfaction: { ...event.data } };
    case 'AttachmentAdded':
      return { ...state, attachments: [...state.attachments, { ...event.data }] };
    case 'AccessCodeReissued':
      return { ...state, accessCode: { hash: event.data.accessCodeHash, issuedAt: event.data.reissuedAt } };
    case 'ClarificationRequested': {
      const { clarificationId, question, requestedAt } = event.data;
      return { ...state, clarifications: [...state.clarifications, { clarificationId, question, requestedAt }] };
    }
    case 'ClarificationReplied': {
      const { clarificationId, text, receivedVia, repliedAt } = event.data;
      const clarifications = state.clarifications.map((c) =>
        c.clarificationId === clarificationId ? { ...c, reply: { text, receivedVia, repliedAt } } : c,
      );
      return { ...state, clarifications };
    }
  }
}

/** The question the requester has not replied to yet, while the case is open; at most one. */
export function pendingClarification(state: Manifestation): Clarification | undefined {
  return state.status === 'OPEN' ? state.clarifications.find((c) => !c.reply) : undefined;
}

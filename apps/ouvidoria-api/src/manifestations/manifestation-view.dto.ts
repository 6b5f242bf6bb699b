import {
  ANSWER_OUTCOMES,
  CHANNELS,
  CLARIFICATION_REPLY_SOURCES,
  CLOSE_REASONS,
  CONTRACT_TYPES,
  FORWARDING_STATUSES,
  MANIFESTATION_STATUSES,
  MANIFESTATION_TYPES,
  ORIGINS,
  REQUESTER_KINDS,
  THEMES,
  TIMELINESS,
  type AnswerOutcome,
  type Channel,
  type Clarification,
  type ClarificationReplySource,
  type CloseReason,
  type ContractType,
  type Forwarding,
  type ForwardingStatus,
  type Manifestation,
  type ManifestationStatus,
  type ManifestationType,
  type Origin,
  type Requester,
  type RequesterKind,
  type Theme,
  type Timeliness,
} from '@app/domain';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { AttachmentViewDto } from './attachments/attachment-view.dto';
import type { ManifestationView } from './manifestation-view';

/** The response schemas of the case view (`ManifestationView`), as GET /manifestations/{protocol} and every command answer it. */

const PROTOCOL = { pattern: '^\\d{20}$', example: '12345620260401000001', description: '20-digit protocol number' } as const;
const INSTANT = { format: 'date-time' } as const;
const ERASED = 'erased personal data read `[erased]`';

@ApiSchema({ name: 'CaseRequester', description: `Who made the manifestation; documents without punctuation; ${ERASED}` })
export class CaseRequesterDto implements Requester {
  @ApiProperty({ enum: REQUESTER_KINDS })
  kind: RequesterKind;

  @ApiProperty({ description: 'Only a DENUNCIA may be anonymous; then no identity field is kept' })
  anonymous: boolean;

  @ApiProperty({ required: false })
  name?: string;

  @ApiProperty({ required: false, description: 'CPF (11 digits) or CNPJ (14 digits)' })
  document?: string;

  @ApiProperty({ required: false })
  email?: string;

  @ApiProperty({ required: false })
  phone?: string;

  @ApiProperty({ required: false })
  beneficiaryCard?: string;
}

@ApiSchema({ name: 'CaseEscalation', description: 'The SAC escalation that opened the case' })
export class CaseEscalationDto implements NonNullable<Manifestation['escalation']> {
  @ApiProperty()
  escalationId: string;

  @ApiProperty(INSTANT)
  escalatedAt: string;

  @ApiProperty()
  reason: string;
}

@ApiSchema({ name: 'ReanaliseConversion', description: 'Set when the case came in as a REANALISE and was turned into `type`' })
export class ReanaliseConversionDto implements NonNullable<Manifestation['convertedFromReanalise']> {
  @ApiProperty()
  reason: string;

  @ApiProperty(INSTANT)
  at: string;
}

@ApiSchema({ name: 'DeadlineExtension' })
export class DeadlineExtensionDto implements NonNullable<Manifestation['extension']> {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 30, description: 'The agreed deadline, in business days from receipt' })
  businessDays: number;

  @ApiProperty()
  justification: string;

  @ApiProperty(INSTANT)
  extendedAt: string;
}

@ApiSchema({ name: 'ForwardingReply' })
export class ForwardingReplyDto implements NonNullable<Forwarding['reply']> {
  @ApiProperty()
  text: string;

  @ApiProperty(INSTANT)
  repliedAt: string;
}

@ApiSchema({ name: 'Forwarding', description: 'The case sent to a department for its reply' })
export class ForwardingDto implements Forwarding {
  @ApiProperty({ format: 'uuid' })
  forwardingId: string;

  @ApiProperty({ example: 'regulacao' })
  department: string;

  @ApiProperty()
  instructions: string;

  @ApiProperty(INSTANT)
  forwardedAt: string;

  @ApiProperty({ ...INSTANT, description: "The department's own due date" })
  dueAt: string;

  @ApiProperty({ description: 'Whether the department may see who the requester is and how to reach them (never for a DENUNCIA)' })
  shareRequesterContact: boolean;

  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'The attachments shared with the department' })
  attachmentIds: string[];

  @ApiProperty({ enum: FORWARDING_STATUSES })
  status: ForwardingStatus;

  @ApiProperty({ required: false, type: () => ForwardingReplyDto })
  reply?: ForwardingReplyDto;
}

@ApiSchema({ name: 'CaseAnswer' })
export class CaseAnswerDto implements NonNullable<Manifestation['answer']> {
  @ApiProperty()
  text: string;

  @ApiProperty({ enum: ANSWER_OUTCOMES })
  outcome: AnswerOutcome;

  @ApiProperty(INSTANT)
  answeredAt: string;

  @ApiProperty({ enum: TIMELINESS })
  timeliness: Timeliness;

  @ApiProperty({ type: 'integer', minimum: 0 })
  businessDaysTaken: number;

  @ApiProperty({ required: false, description: 'Why the answer came after the deadline' })
  lateReason?: string;

  @ApiProperty({ required: false, description: 'Why a coverage denial was reversed (DEFERIDA)' })
  reversalReason?: string;
}

@ApiSchema({ name: 'CaseClosing' })
export class CaseClosingDto implements NonNullable<Manifestation['closed']> {
  @ApiProperty({ enum: CLOSE_REASONS })
  reason: CloseReason;

  @ApiProperty(INSTANT)
  at: string;

  @ApiProperty({ required: false })
  note?: string;
}

@ApiSchema({ name: 'CaseSatisfaction' })
export class CaseSatisfactionDto implements NonNullable<Manifestation['satisfaction']> {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  score: number;

  @ApiProperty({ required: false })
  comment?: string;

  @ApiProperty(INSTANT)
  recordedAt: string;
}

@ApiSchema({ name: 'ClarificationReply' })
export class ClarificationReplyDto implements NonNullable<Clarification['reply']> {
  @ApiProperty()
  text: string;

  @ApiProperty({ enum: CLARIFICATION_REPLY_SOURCES, description: 'The requester on the public route, or an analyst who took it' })
  receivedVia: ClarificationReplySource;

  @ApiProperty(INSTANT)
  repliedAt: string;
}

@ApiSchema({ name: 'Clarification', description: 'A question the Ouvidoria asked the requester (the deadline keeps running)' })
export class ClarificationDto implements Clarification {
  @ApiProperty({ format: 'uuid' })
  clarificationId: string;

  @ApiProperty()
  question: string;

  @ApiProperty(INSTANT)
  requestedAt: string;

  @ApiProperty({ required: false, type: () => ClarificationReplyDto })
  reply?: ClarificationReplyDto;
}

@ApiSchema({
  name: 'ManifestationView',
  description: 'A case as it stands, folded from its events; `revision` is its ETag. Never the hash of the access code.',
})
export class ManifestationViewDto implements ManifestationView {
  @ApiProperty(PROTOCOL)
  protocol: string;

  @ApiProperty({ enum: MANIFESTATION_TYPES })
  type: ManifestationType;

  @ApiProperty({ enum: CHANNELS })
  channel: Channel;

  @ApiProperty({ enum: ORIGINS, description: 'Registered directly, or opened by a SAC escalation' })
  origin: Origin;

  @ApiProperty({ enum: MANIFESTATION_STATUSES })
  status: ManifestationStatus;

  @ApiProperty({ enum: THEMES, nullable: true, description: 'Null until classified' })
  theme: Theme | null;

  @ApiProperty({ enum: CONTRACT_TYPES })
  contractType: ContractType;

  @ApiProperty({ type: () => CaseRequesterDto })
  requester: CaseRequesterDto;

  @ApiProperty()
  subject: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: 'string', nullable: true })
  sacProtocol: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'The denied coverage request a REANALISE reviews' })
  deniedRequestProtocol: string | null;

  @ApiProperty({ required: false, type: () => CaseEscalationDto })
  escalation?: CaseEscalationDto;

  @ApiProperty({ required: false, type: () => ReanaliseConversionDto })
  convertedFromReanalise?: ReanaliseConversionDto;

  @ApiProperty(INSTANT)
  receivedAt: string;

  @ApiProperty({ ...INSTANT, description: 'The end of the last business day to answer (the agreed one after an extension)' })
  deadline: string;

  @ApiProperty()
  extended: boolean;

  @ApiProperty({ required: false, type: () => DeadlineExtensionDto })
  extension?: DeadlineExtensionDto;

  @ApiProperty({ type: () => [ForwardingDto] })
  forwardings: ForwardingDto[];

  @ApiProperty({ required: false, type: () => CaseAnswerDto })
  answer?: CaseAnswerDto;

  @ApiProperty({ required: false, type: () => CaseClosingDto })
  closed?: CaseClosingDto;

  @ApiProperty({ required: false, type: () => CaseSatisfactionDto })
  satisfaction?: CaseSatisfactionDto;

  @ApiProperty({ type: () => [ClarificationDto] })
  clarifications: ClarificationDto[];

  @ApiProperty({ type: () => [AttachmentViewDto] })
  attachments: AttachmentViewDto[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The revision of the case: its ETag, for If-Match' })
  revision: number;

  @ApiProperty({ ...INSTANT, nullable: true, description: 'When the current access code was issued; null when none was' })
  accessCodeIssuedAt: string | null;

  @ApiProperty({
    required: false,
    example: '7KQM-X3TD-9HWB',
    description: "The requester's access code in clear: only in the answer that issued it (registration, reissue), never again",
  })
  accessCode?: string;
}

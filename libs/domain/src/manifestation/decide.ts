import { ANSWER_OUTCOMES, REANALISE_OUTCOMES, type Timeliness } from './codes';
import type {
  AnswerManifestation,
  ClassifyManifestation,
  CloseManifestation,
  ConvertReanalise,
  EscalateFromSac,
  ExtendDeadline,
  ForwardToManagement,
  ManifestationCommand,
  RecordSatisfaction,
  RegisterManifestation,
  RegistrationData,
  ReplyFromManagement,
} from './commands';
import { conflict, invalid, notFound, type FieldError } from './errors';
import type { ManifestationEvent, ManifestationRegistered } from './events';
import { refuseIfClosed, refuseUnlessOpen } from './case-guards';
import type { DecisionContext } from './decision-context';
import { addAttachment, reissueAccessCode, replyToClarification, requestClarification } from './decide-requester';
import { normalizeRequester, registrationErrors } from './registration-rules';
import type { Manifestation, ManifestationState } from './state';

export type { DecisionContext } from './decision-context';

export const MIN_JUSTIFICATION_LENGTH = 20;
export const MAX_FORWARDING_BUSINESS_DAYS = 30;

export function decide(command: ManifestationCommand, state: ManifestationState, context: DecisionContext): ManifestationEvent[] {
  if (command.type === 'RegisterManifestation') return register(command, state, context);
  if (command.type === 'EscalateFromSac') return escalate(command, state, context);
  if (state === null) throw notFound('MANIFESTATION_NOT_FOUND', 'no manifestation with this protocol');
  switch (command.type) {
    case 'ClassifyManifestation':
      return classify(command, state, context);
    case 'ConvertReanalise':
      return convert(command, state, context);
    case 'ForwardToManagement':
      return forward(command, state, context);
    case 'ReplyFromManagement':
      return reply(command, state, context);
    case 'ExtendDeadline':
      return extend(command, state, context);
    case 'AnswerManifestation':
      return answer(command, state, context);
    case 'CloseManifestation':
      return close(command, state, context);
    case 'RecordSatisfaction':
      return recordSatisfaction(command, state, context);
    case 'ReissueAccessCode':
      return reissueAccessCode(command, state, context);
    case 'RequestClarification':
      return requestClarification(command, state, context);
    case 'ReplyToClarification':
      return replyToClarification(command, state, context);
    case 'AddAttachment':
      return addAttachment(command, state, context);
  }
}

/**
 * Refuses a registration the way `decide` would, without building its events: lets the caller
 * find out before it spends a protocol number on a case that will not be opened.
 */
export function refuseInvalidRegistration(command: RegisterManifestation | EscalateFromSac, state: ManifestationState): void {
  const { now } = command.metadata;
  if (command.type === 'RegisterManifestation') {
    assertRegistrable(command.data, { field: 'receivedAt', at: command.data.receivedAt ?? now }, state, now);
  } else {
    assertRegistrable(command.data, { field: 'escalatedAt', at: command.data.escalatedAt }, state, now);
  }
}

function assertRegistrable(
  data: Parameters<typeof registrationErrors>[0],
  received: { field: string; at: Date },
  state: ManifestationState,
  now: Date,
): void {
  if (state !== null) throw conflict('ALREADY_REGISTERED', `manifestation ${state.protocol} already exists`);
  const errors = registrationErrors(data, received, now);
  if (errors.length > 0) throw invalid('VALIDATION_FAILED', 'the manifestation breaks registration rules', errors);
}

function register(command: RegisterManifestation, state: ManifestationState, ctx: DecisionContext) {
  const { now } = command.metadata;
  const receivedAt = command.data.receivedAt ?? now;
  return [registered(command.data, receivedAt, 'receivedAt', state, now, ctx)];
}

function escalate(command: EscalateFromSac, state: ManifestationState, ctx: DecisionContext): ManifestationEvent[] {
  const { escalationId, sacProtocol, escalatedAt, reason, ...registration } = command.data;
  const { now } = command.metadata;
  const first = registered({ ...registration, sacProtocol }, escalatedAt, 'escalatedAt', state, now, ctx);
  const at = ctx.calendar.toLocalIso(escalatedAt);
  return [first, { type: 'EscalatedFromSac', data: { escalationId, sacProtocol, escalatedAt: at, reason } }];
}

function registered(
  data: Omit<RegistrationData, 'receivedAt'>,
  receivedAt: Date,
  receivedField: string,
  state: ManifestationState,
  now: Date,
  { calendar, rules }: DecisionContext,
): ManifestationRegistered {
  assertRegistrable(data, { field: receivedField, at: receivedAt }, state, now);
  const days = rules.answerDeadlineBusinessDays;
  return {
    type: 'ManifestationRegistered',
    data: {
      protocol: data.protocol,
      manifestationType: data.manifestationType,
      channel: data.channel,
      requester: normalizeRequester(data.requester),
      contractType: data.contractType ?? 'NAO_IDENTIFICADO',
      ...(data.theme ? { theme: data.theme } : {}),
      subject: data.subject,
      description: data.description,
      ...(data.sacProtocol ? { sacProtocol: data.sacProtocol } : {}),
      ...(data.deniedRequestProtocol ? { deniedRequestProtocol: data.deniedRequestProtocol } : {}),
      receivedAt: calendar.toLocalIso(receivedAt),
      registeredAt: calendar.toLocalIso(now),
      deadline: calendar.toLocalIso(calendar.deadline(receivedAt, days)),
      deadlineBusinessDays: days,
      ...(data.accessCodeHash ? { accessCodeHash: data.accessCodeHash } : {}),
    },
  };
}

function classify(command: ClassifyManifestation, state: Manifestation, { calendar }: DecisionContext) {
  refuseIfClosed(state);
  const classifiedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ManifestationClassified', data: { theme: command.data.theme, classifiedAt } } as const];
}

function convert(command: ConvertReanalise, state: Manifestation, { calendar }: DecisionContext) {
  refuseUnlessOpen(state);
  if (state.type !== 'REANALISE') {
    throw conflict('NOT_A_REANALISE', `only a REANALISE is converted; this is a ${state.type}`);
  }
  const reason = command.data.reason.trim();
  if (!reason) {
    const message = 'reason must say why this is not a review of a coverage denial';
    throw invalid('VALIDATION_FAILED', message, [{ field: 'reason', rule: 'notBlank', message }]);
  }
  const convertedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ReanaliseConverted', data: { toType: command.data.toType, reason, convertedAt } } as const];
}

function forward(command: ForwardToManagement, state: Manifestation, { calendar }: DecisionContext) {
  refuseUnlessOpen(state);
  const { forwardingId, department, instructions, dueInBusinessDays, shareRequesterContact = false, attachmentIds = [] } = command.data;
  if (!Number.isInteger(dueInBusinessDays) || dueInBusinessDays < 1 || dueInBusinessDays > MAX_FORWARDING_BUSINESS_DAYS) {
    throw invalid('VALIDATION_FAILED', 'the forwarding deadline is out of range', [
      {
        field: 'dueInBusinessDays',
        rule: 'range',
        message: `dueInBusinessDays must be an integer from 1 to ${MAX_FORWARDING_BUSINESS_DAYS}`,
      },
    ]);
  }
  if (shareRequesterContact && state.type === 'DENUNCIA') {
    throw conflict('CONTACT_SHARING_NOT_ALLOWED', "a DENUNCIA never shares the requester's contact with a department");
  }
  const unknown = attachmentIds.find((id) => !state.attachments.some((a) => a.attachmentId === id));
  if (unknown !== undefined) {
    const message = `attachment ${unknown} is not one of this case`;
    throw invalid('VALIDATION_FAILED', message, [{ field: 'attachments', rule: 'attachmentOfTheCase', message }]);
  }
  if (state.forwardings.some((f) => f.forwardingId === forwardingId)) {
    throw conflict('FORWARDING_EXISTS', `forwarding ${forwardingId} already exists`);
  }
  const pending = state.forwardings.find((f) => f.department === department && f.status === 'PENDING');
  if (pending) {
    throw conflict('FORWARDING_PENDING', `department ${department} has not replied to forwarding ${pending.forwardingId} yet`);
  }
  const { now } = command.metadata;
  return [
    {
      type: 'ForwardedToManagement',
      data: {
        forwardingId,
        department,
        instructions,
        forwardedAt: calendar.toLocalIso(now),
        dueAt: calendar.toLocalIso(calendar.deadline(now, dueInBusinessDays)),
        dueInBusinessDays,
        shareRequesterContact,
        ...(attachmentIds.length > 0 ? { attachmentIds: [...new Set(attachmentIds)] } : {}),
      },
    } as const,
  ];
}

function reply(command: ReplyFromManagement, state: Manifestation, { calendar }: DecisionContext) {
  const { forwardingId, text } = command.data;
  const forwarding = state.forwardings.find((f) => f.forwardingId === forwardingId);
  if (!forwarding) throw notFound('FORWARDING_NOT_FOUND', `no forwarding ${forwardingId} on this manifestation`);
  if (forwarding.status !== 'PENDING') throw conflict('ALREADY_REPLIED', `forwarding ${forwardingId} was already replied`);
  const repliedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ManagementReplied', data: { forwardingId, department: forwarding.department, text, repliedAt } } as const];
}

function extend(command: ExtendDeadline, state: Manifestation, { calendar, rules }: DecisionContext) {
  const { justification, businessDays, agreedWithRequester } = command.data;
  const errors: FieldError[] = [];
  const max = rules.maxExtensionBusinessDays;
  if (!Number.isInteger(businessDays) || businessDays <= rules.answerDeadlineBusinessDays || businessDays > max) {
    errors.push({
      field: 'businessDays',
      rule: 'extensionRange',
      message: `businessDays must be an integer greater than ${rules.answerDeadlineBusinessDays} and at most ${max}`,
    });
  }
  if (justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
    errors.push({
      field: 'justification',
      rule: 'minLength',
      message: `justification must have at least ${MIN_JUSTIFICATION_LENGTH} characters`,
    });
  }
  if (agreedWithRequester !== true) {
    errors.push({
      field: 'agreedWithRequester',
      rule: 'mustBeTrue',
      message: 'an extension must be agreed with the requester',
    });
  }
  if (errors.length > 0) throw invalid('VALIDATION_FAILED', 'the extension breaks RN 323 rules', errors);
  refuseUnlessOpen(state);
  if (state.extended) throw conflict('ALREADY_EXTENDED', 'the deadline was already extended once');
  const { now } = command.metadata;
  if (now.getTime() > Date.parse(state.deadline)) {
    throw conflict('DEADLINE_PASSED', `the deadline ${state.deadline} has passed and can no longer be extended`);
  }
  const newDeadline = calendar.deadline(new Date(state.receivedAt), businessDays);
  // The standard deadline may have been longer when this case was registered.
  if (newDeadline.getTime() <= Date.parse(state.deadline)) {
    throw conflict('EXTENSION_NOT_LATER', `${businessDays} business days do not reach past the current deadline ${state.deadline}`);
  }
  return [
    {
      type: 'DeadlineExtended',
      data: {
        previousDeadline: state.deadline,
        newDeadline: calendar.toLocalIso(newDeadline),
        businessDays,
        justification,
        agreedWithRequester: true,
        extendedAt: calendar.toLocalIso(now),
      },
    } as const,
  ];
}

function answer(command: AnswerManifestation, state: Manifestation, { calendar }: DecisionContext) {
  refuseUnlessOpen(state);
  const { text, outcome, lateReason, reversalReason } = command.data;
  if (reversalReason !== undefined && outcome !== 'DEFERIDA') {
    const message = 'reversalReason is given only with outcome DEFERIDA';
    throw invalid('VALIDATION_FAILED', message, [{ field: 'reversalReason', rule: 'onlyWhenDeferida', message }]);
  }
  const isReview = state.type === 'REANALISE';
  if (isReview !== REANALISE_OUTCOMES.includes(outcome)) {
    const allowed = ANSWER_OUTCOMES.filter((o) => REANALISE_OUTCOMES.includes(o) === isReview).join(', ');
    throw conflict('OUTCOME_NOT_ALLOWED', `a ${state.type} is answered with one of ${allowed}, not ${outcome}`);
  }
  const { now } = command.metadata;
  const late = now.getTime() > Date.parse(state.deadline);
  if (late && !lateReason?.trim()) {
    throw conflict('LATE_REASON_REQUIRED', `the deadline ${state.deadline} has passed: lateReason is required`);
  }
  const timeliness: Timeliness = late ? 'LATE' : state.extended ? 'WITHIN_AGREED_DEADLINE' : 'WITHIN_DEADLINE';
  return [
    {
      type: 'ManifestationAnswered',
      data: {
        text,
        outcome,
        answeredAt: calendar.toLocalIso(now),
        deadline: state.deadline,
        timeliness,
        businessDaysTaken: calendar.businessDaysBetween(new Date(state.receivedAt), now),
        ...(late ? { lateReason } : {}),
        ...(reversalReason?.trim() ? { reversalReason: reversalReason.trim() } : {}),
      },
    } as const,
  ];
}

function close(command: CloseManifestation, state: Manifestation, { calendar }: DecisionContext) {
  const { reason, note } = command.data;
  if (state.status === 'CLOSED') throw conflict('ALREADY_CLOSED', 'the manifestation is already closed');
  if (reason === 'RESPONDIDA' && state.status !== 'ANSWERED') {
    throw conflict('NOT_ANSWERED', 'a manifestation is closed as RESPONDIDA only after it is answered');
  }
  if (reason !== 'RESPONDIDA' && state.status !== 'OPEN') {
    throw conflict('ALREADY_ANSWERED', `an answered manifestation is closed as RESPONDIDA, not ${reason}`);
  }
  const closedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ManifestationClosed', data: { reason, ...(note ? { note } : {}), closedAt } } as const];
}

function recordSatisfaction(command: RecordSatisfaction, state: Manifestation, { calendar }: DecisionContext) {
  const { score, comment } = command.data;
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw invalid('VALIDATION_FAILED', 'score must be 1 to 5', [
      { field: 'score', rule: 'range', message: 'score must be an integer from 1 to 5' },
    ]);
  }
  if (!state.answer) throw conflict('NOT_ANSWERED', 'satisfaction is recorded only after the answer');
  if (state.satisfaction) throw conflict('SATISFACTION_ALREADY_RECORDED', 'satisfaction was already recorded');
  const recordedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'SatisfactionRecorded', data: { score, ...(comment ? { comment } : {}), recordedAt } } as const];
}

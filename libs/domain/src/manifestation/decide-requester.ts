import { refuseIfClosed, refuseUnlessOpen } from './case-guards';
import type { AddAttachment, ReissueAccessCode, ReplyToClarification, RequestClarification } from './commands';
import type { DecisionContext } from './decision-context';
import { conflict, invalid, notFound } from './errors';
import { pendingClarification, type Manifestation } from './state';

/** The requester's side of a case: their access code, and the questions the Ouvidoria asks them. */

/** A lost code is replaced at any time, closed cases included: the requester may still look the case up. */
export function reissueAccessCode(command: ReissueAccessCode, _state: Manifestation, { calendar }: DecisionContext) {
  const reissuedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'AccessCodeReissued', data: { accessCodeHash: command.data.accessCodeHash, reissuedAt } } as const];
}

/** One open question at a time, on an open case; the deadline keeps running while it waits (RN 323 has no pause). */
export function requestClarification(command: RequestClarification, state: Manifestation, { calendar }: DecisionContext) {
  const { clarificationId } = command.data;
  const question = command.data.question.trim();
  if (!question) throw blank('question');
  refuseUnlessOpen(state);
  if (state.clarifications.some((c) => c.clarificationId === clarificationId)) {
    throw conflict('CLARIFICATION_EXISTS', `clarification request ${clarificationId} already exists`);
  }
  const pending = pendingClarification(state);
  if (pending) {
    throw conflict('CLARIFICATION_PENDING', `the requester has not replied to clarification request ${pending.clarificationId} yet`);
  }
  const requestedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ClarificationRequested', data: { clarificationId, question, requestedAt } } as const];
}

/** The requester's reply, sent by them or taken by an analyst; once per question, while the case is not closed. */
export function replyToClarification(command: ReplyToClarification, state: Manifestation, { calendar }: DecisionContext) {
  const { clarificationId, receivedVia } = command.data;
  const text = command.data.text.trim();
  if (!text) throw blank('text');
  refuseIfClosed(state);
  const clarification = state.clarifications.find((c) => c.clarificationId === clarificationId);
  if (!clarification) throw notFound('CLARIFICATION_NOT_FOUND', `no clarification request ${clarificationId} on this manifestation`);
  if (clarification.reply) throw conflict('ALREADY_REPLIED', `clarification request ${clarificationId} was already replied`);
  const repliedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'ClarificationReplied', data: { clarificationId, text, receivedVia, repliedAt } } as const];
}

/** A file joins any case not closed, within the case's total size. */
export function addAttachment(command: AddAttachment, state: Manifestation, { calendar }: DecisionContext) {
  const { maxCaseBytes, ...attachment } = command.data;
  refuseIfClosed(state);
  if (state.attachments.some((a) => a.attachmentId === attachment.attachmentId)) {
    throw conflict('ATTACHMENT_EXISTS', `attachment ${attachment.attachmentId} already exists`);
  }
  const total = state.attachments.reduce((sum, a) => sum + a.size, 0) + attachment.size;
  if (total > maxCaseBytes) {
    throw conflict('CASE_ATTACHMENTS_FULL', `the case's attachments would take ${total} bytes, over the ${maxCaseBytes} a case may hold`);
  }
  const addedAt = calendar.toLocalIso(command.metadata.now);
  return [{ type: 'AttachmentAdded', data: { ...attachment, addedAt } } as const];
}

function blank(field: string) {
  const message = `${field} must not be blank`;
  return invalid('VALIDATION_FAILED', message, [{ field, rule: 'notBlank', message }]);
}

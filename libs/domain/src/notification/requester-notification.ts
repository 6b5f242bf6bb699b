import type { ManifestationEvent } from '../manifestation/events';
import { ERASED } from '../manifestation/personal-fields';
import type { Manifestation } from '../manifestation/state';
import { TEMPLATES, type NotificationText } from './templates';

/** The steps RN 323 says the requester must be told about. */
export const NOTIFICATION_KINDS = ['REGISTERED', 'DEADLINE_EXTENDED', 'CLARIFICATION_REQUESTED', 'ANSWERED', 'CLOSED'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The case events the requester is told of; every other one is an internal step. */
export const NOTIFYING_EVENT_TYPES: readonly ManifestationEvent['type'][] = [
  'ManifestationRegistered',
  'DeadlineExtended',
  'ClarificationRequested',
  'ManifestationAnswered',
  'ManifestationClosed',
];

/** How the requester is reached: e-mail when they gave one, else a text message to their phone. */
export interface NotificationChannel {
  medium: 'EMAIL' | 'SMS';
  address: string;
}

export interface RequesterNotification extends NotificationText {
  kind: NotificationKind;
  protocol: string;
  channel: NotificationChannel;
}

/** None for an anonymous case, a requester without contact, or one whose data was erased. */
export function channelOf(state: Pick<Manifestation, 'requester'>): NotificationChannel | null {
  const { anonymous, email, phone } = state.requester;
  if (anonymous) return null;
  if (email && email !== ERASED) return { medium: 'EMAIL', address: email };
  if (phone && phone !== ERASED) return { medium: 'SMS', address: phone };
  return null;
}

/**
 * What the requester is told about `event`, reached as the case says now (`state`: its current
 * contact, so an erasure since stops it); null when the event is no step they are told about,
 * or there is no one to tell.
 */
export function requesterNotification(event: ManifestationEvent, state: Manifestation): RequesterNotification | null {
  const channel = channelOf(state);
  const told = channel && toldOf(event, state.protocol);
  return told ? { ...told, protocol: state.protocol, channel } : null;
}

function toldOf(event: ManifestationEvent, protocol: string): (NotificationText & { kind: NotificationKind }) | null {
  switch (event.type) {
    case 'ManifestationRegistered':
      return { kind: 'REGISTERED', ...TEMPLATES.registered(protocol, event.data.deadline) };
    case 'DeadlineExtended':
      return { kind: 'DEADLINE_EXTENDED', ...TEMPLATES.deadlineExtended(protocol, event.data.newDeadline, event.data.justification) };
    case 'ClarificationRequested':
      return { kind: 'CLARIFICATION_REQUESTED', ...TEMPLATES.clarificationRequested(protocol, event.data.question) };
    case 'ManifestationAnswered':
      return { kind: 'ANSWERED', ...TEMPLATES.answered(protocol, event.data.outcome, event.data.text) };
    case 'ManifestationClosed':
      return { kind: 'CLOSED', ...TEMPLATES.closed(protocol, event.data.reason) };
    default:
      return null;
  }
}

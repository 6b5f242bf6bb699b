import { decodeManifestationEvent, type ManifestationEvent } from '@app/domain';
import type { Actor, RecordedEvent } from '@app/event-store';

/** One line per event of a manifestation, for a person: when (in the operator's time), who, what. */
export function timeline(events: RecordedEvent[], localTime: (instant: Date) => string): string[] {
  return events.map((event) => {
    const { occurredAt, actor } = event.metadata;
    return `${localTime(new Date(occurredAt))}  #${event.revision}  ${who(actor)}  ${describe(decodeManifestationEvent(event))}`;
  });
}

/** `sub (role)`, with the department of a department user. */
function who(actor: Actor): string {
  return `${actor.sub} (${actor.department ? `${actor.role} ${actor.department}` : actor.role})`;
}

function describe(event: ManifestationEvent): string {
  switch (event.type) {
    case 'ManifestationRegistered': {
      const d = event.data;
      return `registered ${d.manifestationType} received ${d.receivedAt} via ${d.channel}; deadline ${d.deadline}`;
    }
    case 'EscalatedFromSac':
      return `escalated from SAC (${event.data.sacProtocol}, escalation ${event.data.escalationId}): ${event.data.reason}`;
    case 'ManifestationClassified':
      return `classified as ${event.data.theme}`;
    case 'ReanaliseConverted':
      return `converted from REANALISE to ${event.data.toType}: ${event.data.reason}`;
    case 'ForwardedToManagement':
      return `forwarded to ${event.data.department} (forwarding ${event.data.forwardingId}), due ${event.data.dueAt}`;
    case 'ManagementReplied':
      return `${event.data.department} replied to forwarding ${event.data.forwardingId}`;
    case 'DeadlineExtended':
      return `deadline extended to ${event.data.newDeadline} (${event.data.businessDays} business days): ${event.data.justification}`;
    case 'ManifestationAnswered': {
      const d = event.data;
      const late = d.lateReason ? `; late because: ${d.lateReason}` : '';
      return `answered ${d.outcome}, ${d.timeliness}, ${d.businessDaysTaken} business days${late}`;
    }
    case 'ManifestationClosed':
      return `closed as ${event.data.reason}${event.data.note ? `: ${event.data.note}` : ''}`;
    case 'SatisfactionRecorded':
      return `satisfaction ${event.data.score}/5`;
    case 'AccessCodeReissued':
      return 'access code reissued (the old one no longer opens the case)';
    case 'ClarificationRequested':
      return `clarification ${event.data.clarificationId} asked of the requester: ${event.data.question}`;
    case 'ClarificationReplied':
      return `clarification ${event.data.clarificationId} replied (${event.data.receivedVia === 'REQUESTER' ? 'by the requester' : 'taken by an analyst'})`;
    case 'AttachmentAdded': {
      const d = event.data;
      return `attachment ${d.attachmentId} added by ${d.addedBy === 'REQUESTER' ? 'the requester' : 'the Ouvidoria'}: ${d.name} (${d.mediaType}, ${d.size} bytes, sha256 ${d.sha256})`;
    }
  }
}

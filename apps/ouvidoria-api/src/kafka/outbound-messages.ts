import {
  decodeManifestationEvent,
  protocolOf,
  requesterForDepartment,
  unhandled,
  type ManifestationType,
  type Requester,
  type Theme,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { Topics } from './topics';

export interface OutboundMessage {
  topic: string;
  /** The protocol: one case's events stay in order on one partition. (A dead letter keeps the original.) */
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers: Record<string, string | Buffer>;
}

/** What the relay remembers of a case to address and minimise department messages. */
export interface RelayManifestation {
  type: ManifestationType;
  theme: Theme | null;
  subject: string;
  description: string;
  requester: Requester;
  departments: string[];
}

/** The relay's memory of manifestations, read and written inside the transaction of a batch. */
export interface RelayManifestations {
  get(protocol: string): RelayManifestation | undefined;
  put(protocol: string, facts: RelayManifestation): void;
}

/** CloudEvents 1.0, binary content mode: the attributes are headers, the data is the value. */
function cloudEventHeaders(event: RecordedEvent, source: string, protocol: string): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: `br.ouvidoria.${event.type}.v1`,
    ce_source: source,
    ce_subject: protocol,
    ce_time: event.recordedAt,
    'content-type': 'application/json',
  };
}

/**
 * The messages one stored event becomes: every case event on the manifestations topic, as
 * stored; and on a department's topic its forwarding, its reply, and the case's answer and
 * closing, minimised as the department inbox is (no requester of a DENUNCIA, contact data only
 * when the forwarding shared it). Events of other streams become none.
 */
export function messagesFor(recorded: RecordedEvent, known: RelayManifestations, topics: Topics, source: string): OutboundMessage[] {
  const protocol = protocolOf(recorded.streamId);
  if (protocol === null) return [];
  const headers = cloudEventHeaders(recorded, source, protocol);
  const message = (topic: string, data: unknown): OutboundMessage => ({ topic, key: protocol, value: JSON.stringify(data), headers });
  const out = [message(topics.manifestations, recorded.data)];
  const toDepartments = (departments: string[], data: unknown) => departments.forEach((d) => out.push(message(topics.department(d), data)));

  const event = decodeManifestationEvent(recorded);
  const facts = known.get(protocol);
  switch (event.type) {
    case 'ManifestationRegistered': {
      const { manifestationType: type, theme, subject, description, requester } = event.data;
      if (!facts) known.put(protocol, { type, theme: theme ?? null, subject, description, requester, departments: [] });
      break;
    }
    case 'ManifestationClassified':
      if (facts) known.put(protocol, { ...facts, theme: event.data.theme });
      break;
    case 'ReanaliseConverted':
      if (facts) known.put(protocol, { ...facts, type: event.data.toType });
      break;
    case 'ForwardedToManagement': {
      if (!facts) break;
      const d = event.data;
      const requester = requesterForDepartment(facts.type, facts.requester, d.shareRequesterContact);
      toDepartments([d.department], {
        protocol,
        forwardingId: d.forwardingId,
        type: facts.type,
        theme: facts.theme,
        subject: facts.subject,
        description: facts.description,
        instructions: d.instructions,
        forwardedAt: d.forwardedAt,
        dueAt: d.dueAt,
        ...(requester ? { requester } : {}),
      });
      if (!facts.departments.includes(d.department)) known.put(protocol, { ...facts, departments: [...facts.departments, d.department] });
      break;
    }
    case 'ManagementReplied': {
      const { forwardingId, department, text, repliedAt } = event.data;
      toDepartments([department], { protocol, forwardingId, text, repliedAt });
      break;
    }
    case 'ManifestationAnswered':
      toDepartments(facts?.departments ?? [], { protocol, outcome: event.data.outcome, answeredAt: event.data.answeredAt });
      break;
    case 'ManifestationClosed':
      toDepartments(facts?.departments ?? [], { protocol, reason: event.data.reason, closedAt: event.data.closedAt });
      break;
    case 'EscalatedFromSac':
    case 'DeadlineExtended':
    case 'SatisfactionRecorded':
      break;
    default:
      unhandled(event);
  }
  return out;
}

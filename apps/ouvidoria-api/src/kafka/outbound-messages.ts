import {
  decodeManifestationEvent,
  ERASED,
  erasedRequester,
  erasureOf,
  protocolOf,
  requesterForDepartment,
  unhandled,
  withoutPersonalFields,
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
  /** The case's data subject (pseudonym), for the events that carry no personal value themselves. */
  dataSubject?: string;
}

/** The relay's memory of manifestations, read and written inside the transaction of a batch. */
export interface RelayManifestations {
  get(protocol: string): RelayManifestation | undefined;
  put(protocol: string, facts: RelayManifestation): void;
  /** Replaces what it remembers of an erased case: no copy of the old values may stay behind. */
  erase(protocol: string, facts: RelayManifestation): void;
}

/** CloudEvents 1.0, binary content mode: the attributes are headers, the data is the value. */
function cloudEventHeaders(event: RecordedEvent, source: string, subject: string): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: `br.ouvidoria.${event.type}.v1`,
    ce_source: source,
    ce_subject: subject,
    ce_time: event.recordedAt,
    'content-type': 'application/json',
  };
}

/**
 * The messages one stored event becomes: every case event on the manifestations topic without its
 * personal values, its data subject named by pseudonym (`dataSubject`); on a department's topic
 * its forwarding, its reply, and the case's answer and closing, minimised as the department inbox
 * is (no requester of a DENUNCIA, contact data only when the forwarding shared it); and an
 * erasure on the manifestations topic and on the topic of every department that had one of its
 * cases, so that consumers delete their copies. Events of other streams become none.
 */
export function messagesFor(recorded: RecordedEvent, known: RelayManifestations, topics: Topics, source: string): OutboundMessage[] {
  const erasure = erasureOf(recorded);
  if (erasure) return erasureMessages(recorded, erasure, known, topics, source);
  const protocol = protocolOf(recorded.streamId);
  if (protocol === null) return [];
  const headers = cloudEventHeaders(recorded, source, protocol);
  const message = (topic: string, data: unknown): OutboundMessage => ({ topic, key: protocol, value: JSON.stringify(data), headers });
  const facts = known.get(protocol);
  const marker = recorded.metadata?.personalData as { subject: string } | undefined;
  const dataSubject = marker?.subject ?? facts?.dataSubject;
  const pseudonymous = withoutPersonalFields(recorded.type, recorded.data);
  const out = [message(topics.manifestations, dataSubject ? { ...pseudonymous, dataSubject } : pseudonymous)];
  const toDepartments = (departments: string[], data: unknown) => departments.forEach((d) => out.push(message(topics.department(d), data)));

  const event = decodeManifestationEvent(recorded);
  switch (event.type) {
    case 'ManifestationRegistered': {
      const { manifestationType: type, theme, subject, description, requester } = event.data;
      if (!facts) known.put(protocol, { type, theme: theme ?? null, subject, description, requester, departments: [], dataSubject });
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
    case 'AccessCodeReissued':
    case 'ClarificationRequested':
    case 'ClarificationReplied':
    case 'AttachmentAdded':
      break;
    default:
      unhandled(event);
  }
  return out;
}

/** `PersonalDataErased`: keyed by the data subject's pseudonym; the relay forgets the cases' values as it sends it. */
function erasureMessages(
  recorded: RecordedEvent,
  erasure: NonNullable<ReturnType<typeof erasureOf>>,
  known: RelayManifestations,
  topics: Topics,
  source: string,
): OutboundMessage[] {
  const { subject: dataSubject, erasedAt, cause } = erasure;
  const headers = cloudEventHeaders(recorded, source, dataSubject);
  const message = (topic: string, protocols: string[]): OutboundMessage => ({
    topic,
    key: dataSubject,
    value: JSON.stringify({ dataSubject, protocols, erasedAt, cause }),
    headers,
  });
  const byDepartment = new Map<string, string[]>();
  for (const protocol of erasure.protocols) {
    const facts = known.get(protocol);
    if (!facts) continue;
    for (const department of facts.departments) byDepartment.set(department, [...(byDepartment.get(department) ?? []), protocol]);
    known.erase(protocol, { ...facts, subject: ERASED, description: ERASED, requester: erasedRequester(facts.requester) });
  }
  return [
    message(topics.manifestations, erasure.protocols),
    ...[...byDepartment].map(([department, protocols]) => message(topics.department(department), protocols)),
  ];
}

import {
  MANIFESTATION_EVENT_TYPES,
  NOTIFICATION_KINDS,
  PERSONAL_DATA_ERASED,
  requesterNotification,
  type Manifestation,
  type ManifestationEvent,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fold } from '../../../../libs/domain/test-support/given';
import { answered, closed, forwarded, registered, replied } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { KafkaNotificationTarget } from '../notifications/kafka-target';
import { messagesFor, type OutboundMessage, type RelayManifestation } from './outbound-messages';

/** What a department topic carries, as the README and AsyncAPI say: its forwarding, its reply, the answer and the closing. */
const DEPARTMENT_EVENT_TYPES: Array<ManifestationEvent['type'] | typeof PERSONAL_DATA_ERASED> = [
  'ForwardedToManagement',
  'ManagementReplied',
  'ManifestationAnswered',
  'ManifestationClosed',
  'PersonalDataErased',
];
import { topicsOf } from './topics';

const doc = parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8'));
const resolve = (ref: string) =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node, key) => node[key], doc);
const messagesOf = (channel: string) =>
  Object.values(doc.channels[channel].messages as Record<string, { $ref: string }>).map((message) => resolve(message.$ref));
/** The ce_type each message of a channel declares. */
const documentedTypes = (channel: string): string[] => messagesOf(channel).map((message) => message.headers.properties.ce_type.const);
/** The payload schema documented for a ce_type on a channel. */
const payloadSchema = (channel: string, ceType: string) =>
  resolve(messagesOf(channel).find((message) => message.headers.properties.ce_type.const === ceType).payload.$ref);

const topics = topicsOf({ topicPrefix: 'ouvidoria', sacTopic: 'sac.escalations.v1' } as Parameters<typeof topicsOf>[0]);
const channelOf = (topic: string) =>
  topic === topics.manifestations
    ? 'manifestations'
    : topic === topics.requesterNotifications
      ? 'requesterNotifications'
      : /^ouvidoria\.department\.[a-z0-9-]+\.v1$/.test(topic)
        ? 'department'
        : topic;
/** Dotted paths of what a value lacks of its schema's required fields, and of what it has that the schema does not name. */
function against(schema: { required?: string[]; properties?: Record<string, unknown> }, value: Record<string, unknown>, at = '') {
  const missing = (schema.required ?? []).filter((field) => !(field in value)).map((field) => at + field);
  const undocumented = Object.keys(value)
    .filter((field) => !(field in (schema.properties ?? {})))
    .map((field) => at + field);
  for (const [field, nested] of Object.entries(value)) {
    const sub = schema.properties?.[field] as typeof schema | undefined;
    if (sub?.properties && nested && typeof nested === 'object') {
      const inner = against(sub, nested as Record<string, unknown>, `${at}${field}.`);
      missing.push(...inner.missing);
      undocumented.push(...inner.undocumented);
    }
  }
  return { missing, undocumented };
}

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0 document with the five channels', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(Object.keys(doc.channels).sort()).toEqual([
      'department',
      'manifestations',
      'requesterNotifications',
      'sacDeadLetters',
      'sacEscalations',
    ]);
    expect(doc.channels.manifestations.address).toBe('{prefix}.manifestations.v1');
    expect(doc.channels.department.address).toBe('{prefix}.department.{code}.v1');
    expect(doc.channels.requesterNotifications.address).toBe('{prefix}.requester-notifications.v1');
    expect(topics.requesterNotifications).toBe('ouvidoria.requester-notifications.v1');
  });

  it('documents every event type on the manifestations topic, and the department ones on department topics', () => {
    expect(documentedTypes('manifestations').sort()).toEqual(
      [...MANIFESTATION_EVENT_TYPES, PERSONAL_DATA_ERASED].map((t) => `br.ouvidoria.${t}.v1`).sort(),
    );
    expect(documentedTypes('department').sort()).toEqual(DEPARTMENT_EVENT_TYPES.map((t) => `br.ouvidoria.${t}.v1`).sort());
  });

  it('documents every (topic, type) the relay produces for a whole case life', () => {
    const cases = new Map<string, RelayManifestation>();
    const memory = {
      get: (p: string) => cases.get(p),
      put: (p: string, c: RelayManifestation) => void cases.set(p, c),
      erase: (p: string, c: RelayManifestation) => void cases.set(p, c),
    };
    const life: ManifestationEvent[] = [
      registered(),
      { type: 'EscalatedFromSac', data: { escalationId: 'e', sacProtocol: 's', escalatedAt: 'x', reason: 'r' } },
      { type: 'ManifestationClassified', data: { theme: 'FINANCEIRO', classifiedAt: 'x' } },
      { type: 'ReanaliseConverted', data: { toType: 'RECLAMACAO', reason: 'r', convertedAt: 'x' } },
      forwarded('fw-1', 'regulacao'),
      replied('fw-1', 'regulacao'),
      {
        type: 'DeadlineExtended',
        data: { previousDeadline: 'a', newDeadline: 'b', businessDays: 10, justification: 'j', agreedWithRequester: true, extendedAt: 'x' },
      },
      answered(),
      closed(),
      { type: 'SatisfactionRecorded', data: { score: 5, recordedAt: 'x' } },
      { type: 'AccessCodeReissued', data: { accessCodeHash: 'h', reissuedAt: 'x' } },
      { type: 'ClarificationRequested', data: { clarificationId: 'c', question: 'q', requestedAt: 'x' } },
      { type: 'ClarificationReplied', data: { clarificationId: 'c', text: 't', receivedVia: 'REQUESTER', repliedAt: 'x' } },
      {
        type: 'AttachmentAdded',
        data: {
          attachmentId: 'a',
          name: 'n',
          mediaType: 'application/pdf',
          size: 1,
          sha256: 's',
          blobKey: 'b',
          keyId: 'k',
          addedBy: 'OUVIDORIA',
          addedAt: 'x',
        },
      },
    ];
    expect(life.map((e) => e.type).sort()).toEqual([...MANIFESTATION_EVENT_TYPES].sort());
    const dataSubject = 'a'.repeat(64);
    const produced = life.flatMap((event, i) => {
      const personalData = i === 0 ? { personalData: { subject: dataSubject } } : {};
      const recorded = {
        streamId: 'manifestation-34567820260401000001',
        id: `e${i}`,
        type: event.type,
        data: event.data,
        metadata: personalData,
        recordedAt: 'x',
      };
      return messagesFor(recorded as unknown as RecordedEvent, memory, topics, 'urn:test');
    });
    const erasure = {
      streamId: `data-subject-${dataSubject}`,
      id: 'e-erased',
      type: PERSONAL_DATA_ERASED,
      data: { subject: dataSubject, protocols: ['34567820260401000001'], erasedAt: 'x', cause: 'RETENTION' },
      metadata: {},
      recordedAt: 'x',
    };
    produced.push(...messagesFor(erasure as unknown as RecordedEvent, memory, topics, 'urn:test'));
    expect(produced.filter((m) => m.headers.ce_type === 'br.ouvidoria.PersonalDataErased.v1').map((m) => channelOf(m.topic))).toEqual([
      'manifestations',
      'department',
    ]);
    // The broad topic names the data subject on every case event, and carries none of the personal values.
    for (const message of produced.filter((m) => m.topic === topics.manifestations)) {
      expect(JSON.parse(String(message.value))).toMatchObject({ dataSubject });
    }
    expect(produced.some((m) => channelOf(m.topic) === 'department')).toBe(true);
    for (const message of produced) {
      expect({ topic: message.topic, documented: documentedTypes(channelOf(message.topic)) }).toEqual({
        topic: message.topic,
        documented: expect.arrayContaining([message.headers.ce_type]),
      });
      expect(Object.keys(message.headers).sort()).toEqual([...resolve('#/components/schemas/CloudEventHeaders').required].sort());
      // The payload has every required field of its schema, and nothing the schema does not name.
      const schema = payloadSchema(channelOf(message.topic), message.headers.ce_type as string);
      const payload = JSON.parse(String(message.value));
      expect({ type: message.headers.ce_type, fields: Object.keys(payload) }).toEqual({
        type: message.headers.ce_type,
        fields: expect.arrayContaining(schema.required),
      });
      expect(Object.keys(payload).filter((field) => !(field in schema.properties))).toEqual([]);
    }
  });

  it('documents the requester notification the Kafka target produces, of every kind', async () => {
    const state = fold([registered()]) as Manifestation;
    const steps: ManifestationEvent[] = [
      registered(),
      {
        type: 'DeadlineExtended',
        data: { previousDeadline: 'a', newDeadline: 'b', businessDays: 10, justification: 'j', agreedWithRequester: true, extendedAt: 'x' },
      },
      { type: 'ClarificationRequested', data: { clarificationId: 'c', question: 'q', requestedAt: 'x' } },
      answered(),
      closed(),
    ];
    const sent: OutboundMessage[] = [];
    const publisher = { send: async (messages: OutboundMessage[]) => void sent.push(...messages), close: async () => undefined };
    const target = new KafkaNotificationTarget(publisher, topics.requesterNotifications, 'urn:test');
    for (const [i, step] of steps.entries()) {
      await target.deliver({ ...requesterNotification(step, state)!, id: `n${i}`, createdAt: '2026-04-01T13:00:00.000Z' });
    }
    expect(sent.map((m) => JSON.parse(String(m.value)).kind)).toEqual([...NOTIFICATION_KINDS]);
    const keyPattern = new RegExp(resolve('#/components/messageTraits/cloudEvent').bindings.kafka.key.pattern);
    for (const message of sent) {
      expect(channelOf(message.topic)).toBe('requesterNotifications');
      expect(documentedTypes('requesterNotifications')).toContain(message.headers.ce_type);
      expect(message.key).toMatch(keyPattern);
      expect(Object.keys(message.headers).sort()).toEqual([...resolve('#/components/schemas/CloudEventHeaders').required].sort());
      // Every required field, the channel's too, and nothing the schema does not name.
      const schema = payloadSchema('requesterNotifications', message.headers.ce_type as string);
      expect(against(schema, JSON.parse(String(message.value)))).toEqual({ missing: [], undocumented: [] });
    }
  });
});

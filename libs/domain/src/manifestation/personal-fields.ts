import { normalizeTaxId } from '../requester/tax-id';
import type { ManifestationEventType, ManifestationRegistered } from './events';

/**
 * Which fields of each case event are personal data (LGPD): the requester's identity and contact,
 * and every free text of the case, which often tells of the requester's health (art. 11). They are
 * stored encrypted with the data subject's key and erased with it. The other fields — type,
 * channel, theme, dates, outcome, timeliness, department codes — stay in clear, so that reports
 * and projections need no key. Paths are dotted from the event's `data`.
 */
export const PERSONAL_FIELDS = {
  ManifestationRegistered: [
    'requester.name',
    'requester.document',
    'requester.email',
    'requester.phone',
    'requester.beneficiaryCard',
    'subject',
    'description',
    // Not personal in itself, but the key to the case's personal data: kept off the broad topic, and erased with the subject.
    'accessCodeHash',
  ],
  EscalatedFromSac: ['reason'],
  ManifestationClassified: [],
  ReanaliseConverted: ['reason'],
  ForwardedToManagement: ['instructions'],
  ManagementReplied: ['text'],
  DeadlineExtended: ['justification'],
  ManifestationAnswered: ['text', 'lateReason', 'reversalReason'],
  ManifestationClosed: ['note'],
  SatisfactionRecorded: ['comment'],
  AccessCodeReissued: ['accessCodeHash'],
  ClarificationRequested: ['question'],
  ClarificationReplied: ['text'],
  // A file's name often tells whose it is ("laudo-maria-silva.pdf"); the hash of its bytes would
  // confirm a guessed document. The bytes themselves are sealed apart, in the blob store.
  AttachmentAdded: ['name', 'sha256'],
} as const satisfies Record<ManifestationEventType, readonly string[]>;

/** What a personal field reads as once its subject's key was destroyed. */
export const ERASED = '[erased]';

/** The personal paths of an event type; none for types that are not case events. */
export function personalFieldsOf(type: string): readonly string[] {
  return (PERSONAL_FIELDS as Record<string, readonly string[]>)[type] ?? [];
}

/**
 * The data subject a case belongs to: its requester's document (CPF/CNPJ) when one was given and
 * the case is not anonymous, so that one person's cases share one key and go together; otherwise
 * the case alone. The document is named as `normalizeTaxId` writes it (an alphanumeric CNPJ keeps its letters).
 */
export function dataSubjectOf(registration: Pick<ManifestationRegistered['data'], 'protocol' | 'requester'>): string {
  const { requester, protocol } = registration;
  const document = requester.anonymous || !requester.document ? undefined : normalizeTaxId(requester.document);
  return document ? `document:${document}` : `case:${protocol}`;
}

type Json = Record<string, unknown>;

/** An event's data without its personal values (for consumers that need none: the broad Kafka topic). */
export function withoutPersonalFields(type: string, data: unknown): Json {
  const copy = structuredClone(data) as Json;
  for (const path of personalFieldsOf(type)) {
    const parts = path.split('.');
    const parent = parts.slice(0, -1).reduce<Json | undefined>((node, part) => node?.[part] as Json | undefined, copy);
    if (parent) delete parent[parts[parts.length - 1]];
  }
  return copy;
}

/** The requester's identity and contact fields, each read as `[erased]` where it was given. */
export function erasedRequester<R extends object>(requester: R): R {
  const erased = { ...requester } as Json;
  for (const field of ['name', 'document', 'email', 'phone', 'beneficiaryCard']) if (field in erased) erased[field] = ERASED;
  return erased as R;
}

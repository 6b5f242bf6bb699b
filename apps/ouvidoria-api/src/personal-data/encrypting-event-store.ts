import { dataSubjectOf, ERASED, erasureOf, personalFieldsOf, protocolOf, type ManifestationRegistered } from '@app/domain';
import {
  DamagedEvent,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Lease,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type WriteFailure,
} from '@app/event-store';
import { open, seal, SealedValueRejected } from './field-cipher';
import type { KeyStore } from './key-store';
import type { SubjectKeys } from './subject-keys';
import type { SubjectPseudonyms } from './subject-pseudonyms';

/**
 * What a sealed event's metadata says of its personal values: whose they are, which key sealed
 * them, and the values themselves, sealed together (one JSON object by path); in `data` each of
 * them reads `[sealed]`.
 */
export interface PersonalDataMarker {
  subject: string;
  keyId: string;
  values: string;
}

/** Where a personal value stood in `data` before it was sealed into the marker. */
export const SEALED = '[sealed]';

const SUBJECTS_REMEMBERED = 10_000;
type Json = Record<string, unknown>;

/**
 * The event store as the application sees it, with the personal fields of case events
 * (`PERSONAL_FIELDS`) sealed on the way in with their data subject's key and opened on the way out;
 * a value whose key was destroyed reads as `[erased]`. The store below hashes and keeps only what
 * it is given, so hash chains and seals hold before and after an erasure; audits that recompute
 * hashes (`verifyLog`, `ChainVerifier`) must read the store below, not this one.
 */
export class EncryptingEventStore implements EventStore, SubjectKeys {
  /** Case stream → its subject's pseudonym, as read from its registration. */
  private readonly subjects = new Map<string, string>();

  constructor(
    private readonly inner: EventStore,
    private readonly keys: KeyStore,
    private readonly pseudonyms: SubjectPseudonyms,
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const personal = events.find((event) => personalFieldsOf(event.type).length > 0);
    if (!personal || protocolOf(streamId) === null) return this.inner.append(streamId, events, expected);
    // One stream, one subject.
    const subject = await this.subjectOf(streamId, personal);
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.sealEvent(subject, event));
    return this.inner.append(streamId, sealed, expected);
  }

  /**
   * Destroys every key of the subject (crypto-shredding): what was sealed with them reads as
   * `[erased]` from now on, wherever the log is; the subject's next value gets a new key.
   */
  shred(subject: string): Promise<number> {
    return this.keys.destroy(subject);
  }

  pseudonymOf(dataSubject: string): string {
    return this.pseudonyms.of(dataSubject);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  async eventAt(position: bigint): Promise<RecordedEvent | null> {
    const event = await this.inner.eventAt(position);
    return event && (await this.openAll([event]))[0];
  }

  onAppended(listener: (position: bigint) => void): () => void {
    return this.inner.onAppended(listener);
  }
  lastPosition(): Promise<bigint> {
    return this.inner.lastPosition();
  }
  countAfter(position: bigint, atMost: number): Promise<number> {
    return this.inner.countAfter(position, atMost);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  writeFailure(): WriteFailure | null {
    return this.inner.writeFailure();
  }
  acquireLease(name: string, holder: string, ttlMs: number, data?: Record<string, unknown>): Promise<Lease> {
    return this.inner.acquireLease(name, holder, ttlMs, data);
  }
  readLease(name: string): Promise<Lease | null> {
    return this.inner.readLease(name);
  }
  releaseLease(name: string, holder: string): Promise<void> {
    return this.inner.releaseLease(name, holder);
  }
  /** Closes the store below, then the key store. */
  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.keys.close();
    }
  }

  private async sealEvent(subject: string, event: NewEvent): Promise<NewEvent> {
    const paths = personalFieldsOf(event.type);
    if (paths.length === 0) return event;
    const { id: keyId, key } = await this.keys.keyFor(subject);
    const data = copyAlong(event.data, paths);
    const values: Record<string, string> = {};
    for (const path of paths) {
      const value = get(data, path);
      if (typeof value !== 'string') continue;
      values[path] = value;
      set(data, path, SEALED);
    }
    // One seal per event, not per field: opening it is what every projection's rebuild pays for.
    const personalData: PersonalDataMarker = { subject, keyId, values: seal(key, event.id, JSON.stringify(values)) };
    return { ...event, data, metadata: { ...event.metadata, personalData } };
  }

  private async subjectOf(streamId: string, event: NewEvent): Promise<string> {
    if (event.type === 'ManifestationRegistered') {
      const subject = this.pseudonyms.of(dataSubjectOf(event.data as ManifestationRegistered['data']));
      this.remember(streamId, subject);
      return subject;
    }
    const known = this.subjects.get(streamId);
    if (known) return known;
    const [first] = await this.inner.readStream(streamId, { maxCount: 1 });
    const marker = first?.metadata.personalData as PersonalDataMarker | undefined;
    // A case event always follows its registration; a stream without one is keyed on its own.
    const subject = marker?.subject ?? this.pseudonyms.of(`case:${protocolOf(streamId)}`);
    this.remember(streamId, subject);
    return subject;
  }

  private remember(streamId: string, subject: string): void {
    this.subjects.delete(streamId);
    this.subjects.set(streamId, subject);
    if (this.subjects.size > SUBJECTS_REMEMBERED) this.subjects.delete(this.subjects.keys().next().value!);
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const keys = new Map<string, Buffer | null>();
    const opened: RecordedEvent[] = [];
    for (const event of events) {
      const marker = event.metadata.personalData as PersonalDataMarker | undefined;
      if (!marker) {
        // An erasure made by another instance: a key remembered here must not open anything more.
        const erasure = erasureOf(event);
        if (erasure) this.keys.forget(erasure.subject);
        opened.push(event);
        continue;
      }
      // The command path reads a stream before it appends to it: its next append needs no read of its own.
      if (!this.subjects.has(event.streamId)) this.remember(event.streamId, marker.subject);
      if (!keys.has(marker.keyId)) keys.set(marker.keyId, await this.keys.key(marker.subject, marker.keyId));
      opened.push(this.openEvent(event, keys.get(marker.keyId)!));
    }
    return opened;
  }

  private openEvent(event: RecordedEvent, key: Buffer | null): RecordedEvent {
    const marker = event.metadata.personalData as PersonalDataMarker;
    let values: Record<string, string> | null = null;
    if (key) {
      try {
        values = JSON.parse(open(key, event.id, marker.values)) as Record<string, string>;
      } catch (error) {
        if (!(error instanceof SealedValueRejected)) throw error;
        throw new DamagedEvent(event.streamId, event.revision, event.position, 'its personal values do not authenticate');
      }
    }
    const paths = personalFieldsOf(event.type);
    const data = copyAlong(event.data, paths);
    for (const path of paths) {
      if (get(data, path) !== SEALED) continue;
      set(data, path, values ? (values[path] ?? ERASED) : ERASED);
    }
    return { ...event, data };
  }
}

/**
 * A copy of `data` in which the objects along the paths are new (the rest shared): what is
 * written along them changes neither the caller's event nor another reader's. Cheaper than a deep
 * copy, which every event read would otherwise pay.
 */
function copyAlong(data: Json, paths: readonly string[]): Json {
  const copy = { ...data };
  const copied = new Set<unknown>([copy]);
  for (const path of paths) {
    let node = copy;
    for (const part of path.split('.').slice(0, -1)) {
      const child = node[part];
      if (!child || typeof child !== 'object') break;
      if (!copied.has(child)) copied.add((node[part] = { ...(child as Json) }));
      node = node[part] as Json;
    }
  }
  return copy;
}

function get(data: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), data);
}

function set(data: Json, path: string, value: string): void {
  const parts = path.split('.');
  const parent = parts.slice(0, -1).reduce<Json>((node, part) => node[part] as Json, data);
  parent[parts[parts.length - 1]] = value;
}

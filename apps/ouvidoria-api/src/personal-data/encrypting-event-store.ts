import { dataSubjectOf, ERASED, erasureOf, protocolOf, type ManifestationRegistered } from '@app/domain';
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
import { openBytes, seal, sealBytes } from './field-cipher';
import type { KeyStore } from './key-store';
import type { PersonalDataMarker } from './personal-data-marker';
import { SealedValuesOpener, type SealedValue } from './sealed-values-opener';
import { SEALED, type SealedValuesRef } from './sealed-values-ref';
import { SequentialReads, type SequentialPage } from './sequential-reads';
import { copyAlong, parentOf, personalPathsOf } from './personal-paths';
import type { SubjectKeys } from './subject-keys';
import type { SubjectPseudonyms } from './subject-pseudonyms';

const SUBJECTS_REMEMBERED = 10_000;
/** How many events appended here are kept in clear for the readers that follow the log (notifications, relay). */
const APPENDED_REMEMBERED = 1_000;
/** An event's personal values by path, as sealed together. */
type Values = Record<string, string>;
/** A page whose keys were looked up: its events (those without values to open already done), the values to open and where they go. */
interface ToOpen {
  events: RecordedEvent[];
  sealed: SealedValue[];
  sealedAt: number[];
}

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
  /**
   * The personal values of events appended here lately, by event id: the readers that follow
   * read them back at once and need not open them again. Dropped when this instance shreds the
   * subject or reads its erasure in the log.
   */
  private readonly appended = new Map<string, { subject: string; values: Values }>();
  /** Counts erasures seen here: an append sealed before one and written after it is not remembered. */
  private erasures = 0;
  /** Pages read ahead for sequential readers (`ReadAllOptions.sequential`). */
  private readonly sequential = new SequentialReads({
    readStored: (options) => this.inner.readAll(options),
    open: (stored, erasures) => this.pageOf(stored, erasures),
    erasures: () => this.erasures,
  });
  /** Keys are looked up one page after the other, in the order the pages were asked for (see `lookUpKeys`). */
  private keyLookups: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly inner: EventStore,
    private readonly keys: KeyStore,
    private readonly pseudonyms: SubjectPseudonyms,
    private readonly opener = new SealedValuesOpener(),
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const personal = events.find((event) => personalPathsOf(event.type).length > 0);
    if (!personal || protocolOf(streamId) === null) return this.inner.append(streamId, events, expected);
    // One stream, one subject.
    const subject = await this.subjectOf(streamId, personal);
    const erasures = this.erasures;
    const sealed: NewEvent[] = [];
    const opened = new Map<string, Values>();
    for (const event of events) sealed.push(await this.sealEvent(subject, event, opened));
    const result = await this.inner.append(streamId, sealed, expected);
    // An idempotent replay carries the events first written (same ids, same values).
    if (erasures === this.erasures) for (const [id, values] of opened) this.rememberAppended(id, subject, values);
    return result;
  }

  /**
   * Destroys every key of the subject (crypto-shredding): what was sealed with them reads as
   * `[erased]` from now on, wherever the log is; the subject's next value gets a new key.
   */
  async shred(subject: string): Promise<number> {
    this.forgetAppended(subject);
    try {
      return await this.keys.destroy(subject);
    } finally {
      // Again once the keys are gone: an append sealed meanwhile is written but not remembered in clear.
      this.forgetAppended(subject);
    }
  }

  async sealFile(streamId: string, context: string, bytes: Buffer): Promise<{ sealed: Buffer; keyId: string }> {
    const { id: keyId, key } = await this.keys.keyFor(await this.subjectOfStream(streamId));
    return { sealed: sealBytes(key, context, bytes), keyId };
  }

  async openFile(streamId: string, keyId: string, context: string, sealed: Buffer): Promise<Buffer | null> {
    const key = await this.keys.key(await this.subjectOfStream(streamId), keyId);
    return key && openBytes(key, context, sealed);
  }

  /**
   * The log as stored, for the read models, which open nothing: an erasure read there is noticed
   * here as by any read through this store (a key remembered here opens nothing more of its subject).
   */
  storedLog(): EventStore {
    const inner = this.inner;
    const readAll = async (options: ReadAllOptions) => {
      const page = await inner.readAll(options);
      for (const event of page) {
        const erasure = erasureOf(event);
        if (!erasure) continue;
        this.keys.forget(erasure.subject);
        this.forgetAppended(erasure.subject);
      }
      return page;
    };
    return new Proxy(inner, {
      get: (target, property) => {
        if (property === 'readAll') return readAll;
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  async openValues(refs: SealedValuesRef[]): Promise<Values[]> {
    const positions = [...new Set(refs.map((ref) => ref.position))];
    const stored = await Promise.all(positions.map((position) => this.inner.eventAt(BigInt(position))));
    const at = new Map(positions.map((position, i) => [position, stored[i]]));
    for (const { position, eventId } of refs) {
      const event = at.get(position);
      if (event?.id === eventId) continue;
      const detail = `a read model names event ${eventId} there, the log holds ${event ? event.id : 'none'}`;
      throw new DamagedEvent(event?.streamId ?? '(none)', event?.revision ?? -1n, BigInt(position), detail);
    }
    const opened = await this.openAll(stored as RecordedEvent[]);
    const values = new Map(opened.map((event) => [String(event.position), personalValuesOf(event)]));
    return refs.map((ref) => values.get(ref.position)!);
  }

  pseudonymOf(dataSubject: string): string {
    return this.pseudonyms.of(dataSubject);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    // The command path reads a stream before it appends to it: its next append needs no read of its own.
    const marker = events[0]?.metadata.personalData as PersonalDataMarker | undefined;
    if (marker && !this.subjects.has(streamId)) this.remember(streamId, marker.subject);
    return this.openAll(events);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    if (!options.sequential) return this.openAll(await this.inner.readAll(options));
    const page = await this.sequential.page(options);
    const opened = await page.opened;
    // Opened with keys that an erasure here has since made unusable: opened again, as a read now would.
    return page.erasures === this.erasures ? opened : this.openAll(page.stored);
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
  releaseLease(name: string, holder: string, data?: Record<string, unknown>): Promise<void> {
    return this.inner.releaseLease(name, holder, data);
  }
  /** Stops the opener's worker, closes the key store (its last commit reads where the log ends), then the store below. */
  async close(): Promise<void> {
    try {
      await this.opener.close();
      await this.keys.close();
    } finally {
      await this.inner.close();
    }
  }

  /** The event with its personal values sealed into its metadata; the values, by event id, into `opened`. */
  private async sealEvent(subject: string, event: NewEvent, opened: Map<string, Values>): Promise<NewEvent> {
    const paths = personalPathsOf(event.type);
    if (paths.length === 0) return event;
    const { id: keyId, key } = await this.keys.keyFor(subject);
    const data = copyAlong(event.data, paths);
    const values: Values = {};
    for (const path of paths) {
      const parent = parentOf(data, path);
      const value = parent?.[path.field];
      if (typeof value !== 'string') continue;
      values[path.path] = value;
      parent![path.field] = SEALED;
    }
    // One seal per event, not per field: opening it is what every projection's rebuild pays for.
    const personalData: PersonalDataMarker = { subject, keyId, values: seal(key, event.id, JSON.stringify(values)) };
    opened.set(event.id, values);
    return { ...event, data, metadata: { ...event.metadata, personalData } };
  }

  private async subjectOf(streamId: string, event: NewEvent): Promise<string> {
    if (event.type === 'ManifestationRegistered') {
      const subject = this.pseudonyms.of(dataSubjectOf(event.data as ManifestationRegistered['data']));
      this.remember(streamId, subject);
      return subject;
    }
    return this.subjectOfStream(streamId);
  }

  /** The data subject of a case stream, from its registration's marker. */
  private async subjectOfStream(streamId: string): Promise<string> {
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

  private rememberAppended(id: string, subject: string, values: Values): void {
    this.appended.set(id, { subject, values });
    if (this.appended.size > APPENDED_REMEMBERED) this.appended.delete(this.appended.keys().next().value!);
  }

  private forgetAppended(subject: string): void {
    this.erasures++;
    for (const [id, { subject: of }] of this.appended) if (of === subject) this.appended.delete(id);
    this.sequential.clear();
  }

  /** A page as stored, and as it opens: its keys are looked up before this returns, its values opened after. */
  private async pageOf(stored: RecordedEvent[], erasures: number): Promise<SequentialPage> {
    const opened = this.openToOpen(await this.lookUpKeys(stored));
    // A failure (a damaged event) is met by whoever awaits the page, not as an unhandled rejection meanwhile.
    opened.catch(() => undefined);
    return { stored, opened, erasures };
  }

  private async openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return this.openToOpen(await this.lookUpKeys(events));
  }

  /**
   * The keys of the events' sealed values, page after page in the order the pages were asked for,
   * and within a page together up to each erasure (one made by another instance: a key remembered
   * here must not open anything after it). The events without values to open are done already.
   */
  private lookUpKeys(events: RecordedEvent[]): Promise<ToOpen> {
    const done = this.keyLookups.then(async () => {
      const page: ToOpen = { events: [], sealed: [], sealedAt: [] };
      for (let from = 0; from < events.length;) {
        let to = from;
        while (to < events.length && !erasureOf(events[to])) to++;
        const keys = await this.keysOf(events.slice(from, to));
        for (let i = from; i < to; i++) this.place(events[i], keys, page);
        const erasure = to < events.length ? erasureOf(events[to]) : null;
        if (erasure) {
          this.keys.forget(erasure.subject);
          this.forgetAppended(erasure.subject);
          page.events.push(events[to]);
        }
        from = to + 1;
      }
      return page;
    });
    this.keyLookups = done.catch(() => undefined);
    return done;
  }

  /** The keys the events' markers name, by id (null: destroyed). */
  private async keysOf(events: RecordedEvent[]): Promise<Map<string, Buffer | null>> {
    const wanted = new Map<string, string>();
    for (const event of events) {
      const marker = event.metadata.personalData as PersonalDataMarker | undefined;
      if (marker) wanted.set(marker.keyId, marker.subject);
    }
    const ids = [...wanted.keys()];
    const keys = await Promise.all(ids.map((id) => this.keys.key(wanted.get(id)!, id)));
    return new Map(ids.map((id, i) => [id, keys[i]]));
  }

  /** The event into the page: done when it has no values to open (none sealed, appended here, or its key destroyed). */
  private place(event: RecordedEvent, keys: Map<string, Buffer | null>, page: ToOpen): void {
    const marker = event.metadata.personalData as PersonalDataMarker | undefined;
    const mine = marker && this.appended.get(event.id);
    const key = marker && !mine ? keys.get(marker.keyId) : null;
    if (key) {
      page.sealedAt.push(page.events.length);
      page.sealed.push({ key, context: event.id, sealed: marker!.values });
    }
    page.events.push(!marker || key ? event : withValues(event, mine ? mine.values : null));
  }

  /** The events with their sealed values opened together (off this thread for a large page); a `DamagedEvent` at the first that does not authenticate. */
  private async openToOpen({ events, sealed, sealedAt }: ToOpen): Promise<RecordedEvent[]> {
    if (sealed.length === 0) return events;
    const values = (await this.opener.open(sealed)) as (Values | null)[];
    sealedAt.forEach((at, i) => {
      const event = events[at];
      if (values[i] === null)
        throw new DamagedEvent(event.streamId, event.revision, event.position, 'its personal values do not authenticate');
      events[at] = withValues(event, values[i]);
    });
    return events;
  }
}

/** The log as the read models follow it: as stored when `store` seals personal data, else `store` itself. */
export const storedLogOf = (store: EventStore): EventStore => (store instanceof EncryptingEventStore ? store.storedLog() : store);

/** The event's personal values by path, as opened (`[erased]` where its key was destroyed). */
function personalValuesOf(event: RecordedEvent): Values {
  const values: Values = {};
  for (const path of personalPathsOf(event.type)) {
    const value = parentOf(event.data, path)?.[path.field];
    if (typeof value === 'string') values[path.path] = value;
  }
  return values;
}

/** The event as it was appended: each `[sealed]` value put back, or `[erased]` without values (the key is gone). */
function withValues(event: RecordedEvent, values: Values | null): RecordedEvent {
  const paths = personalPathsOf(event.type);
  const data = copyAlong(event.data, paths);
  for (const path of paths) {
    const parent = parentOf(data, path);
    if (parent?.[path.field] !== SEALED) continue;
    parent[path.field] = values ? (values[path.path] ?? ERASED) : ERASED;
  }
  return { ...event, data };
}

import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Decider, StoredEvent } from '../decider';
import { notFound } from '../manifestation/errors';
import type { IsoInstant } from '../manifestation/events';

/**
 * A data subject (LGPD): the person, named only by a pseudonym, whose personal data one or more
 * cases hold. Its stream records the erasure requests made for it and the erasures done, so that
 * every read model and consumer can delete its copies, and an auditor can tell when and why.
 */
export type ErasureCause = 'REQUEST' | 'RETENTION';

/** A case of the subject, as the erasure decision needs it. */
export interface SubjectCase {
  protocol: string;
  /** When the case was closed; null while it is open (its retention has not begun). */
  closedAt: IsoInstant | null;
  /** Whether its personal data were erased already. */
  erased: boolean;
}

export type DataSubjectEvent =
  | {
      type: 'ErasureRequested';
      data: {
        subject: string;
        protocols: string[];
        requestedAt: IsoInstant;
        /** When the erasure takes effect: now, the end of the last retention period, or null while a case is open. */
        effectiveAt: IsoInstant | null;
        /** Open cases: their retention begins when they are closed. */
        awaitingClosing: string[];
      };
    }
  | { type: 'PersonalDataErased'; data: { subject: string; protocols: string[]; erasedAt: IsoInstant; cause: ErasureCause } };

export type DataSubjectCommand =
  | { type: 'RequestErasure'; data: { subject: string; cases: SubjectCase[] }; metadata: { now: Date } }
  | { type: 'RecordErasure'; data: { subject: string; protocols: string[] }; metadata: { now: Date } };

export interface DataSubjectState {
  /** The request still waiting for its retention to end, if any. */
  pendingRequest: { requestedAt: IsoInstant; effectiveAt: IsoInstant | null } | null;
  erasedProtocols: string[];
}

export interface RetentionRule {
  calendar: BusinessCalendar;
  /** Years a case's record is kept after it is closed. */
  retentionYears: number;
}

/** When a closed case's retention ends. */
export const retentionEndOf = (closedAt: IsoInstant, years: number): Date =>
  DateTime.fromISO(closedAt, { setZone: true }).plus({ years }).toJSDate();

/**
 * When the subject's data may be erased: the end of the last retention period of its cases; null
 * (with the open cases) while one is open, since retention is counted from closing.
 */
export function erasableFrom(cases: readonly SubjectCase[], years: number): { at: Date | null; awaitingClosing: string[] } {
  const awaitingClosing = cases.filter((c) => c.closedAt === null).map((c) => c.protocol);
  if (awaitingClosing.length > 0) return { at: null, awaitingClosing };
  const ends = cases.map((c) => retentionEndOf(c.closedAt!, years).getTime());
  return { at: new Date(Math.max(...ends)), awaitingClosing };
}

/** Whether every case of the subject is past retention, so that its keys may be destroyed now. */
export function isPastRetention(cases: readonly SubjectCase[], years: number, now: Date): boolean {
  const { at } = erasableFrom(cases, years);
  return cases.length > 0 && at !== null && at.getTime() <= now.getTime();
}

export function decideDataSubject(command: DataSubjectCommand, state: DataSubjectState, rule: RetentionRule): DataSubjectEvent[] {
  const at = rule.calendar.toLocalIso(command.metadata.now);
  const { subject } = command.data;
  if (command.type === 'RecordErasure') {
    const protocols = command.data.protocols.filter((p) => !state.erasedProtocols.includes(p));
    if (protocols.length === 0) return [];
    // Retention erases every subject's data in the end; a pending request is what it then answers.
    const cause: ErasureCause = state.pendingRequest ? 'REQUEST' : 'RETENTION';
    return [{ type: 'PersonalDataErased', data: { subject, protocols, erasedAt: at, cause } }];
  }
  const { cases } = command.data;
  if (cases.length === 0) throw notFound('DATA_SUBJECT_NOT_FOUND', 'no case holds personal data of this data subject');
  const live = cases.filter((c) => !c.erased && !state.erasedProtocols.includes(c.protocol));
  // Everything was erased already: the request is answered by what was done, and nothing is recorded twice.
  if (live.length === 0) return [];
  const { at: from, awaitingClosing } = erasableFrom(cases, rule.retentionYears);
  const now = command.metadata.now;
  const effectiveAt = from === null ? null : from.getTime() <= now.getTime() ? at : rule.calendar.toLocalIso(from);
  return [
    {
      type: 'ErasureRequested',
      data: { subject, protocols: live.map((c) => c.protocol), requestedAt: at, effectiveAt, awaitingClosing },
    },
  ];
}

export function evolveDataSubject(state: DataSubjectState, event: DataSubjectEvent): DataSubjectState {
  if (event.type === 'ErasureRequested') {
    const { requestedAt, effectiveAt } = event.data;
    return { ...state, pendingRequest: { requestedAt, effectiveAt } };
  }
  const erased = new Set([...state.erasedProtocols, ...event.data.protocols]);
  return { pendingRequest: null, erasedProtocols: [...erased] };
}

export const initialDataSubjectState = (): DataSubjectState => ({ pendingRequest: null, erasedProtocols: [] });

const STREAM_PREFIX = 'data-subject-';

/** Every data subject is one stream: `data-subject-<pseudonym>`. */
export const dataSubjectStreamId = (subject: string) => `${STREAM_PREFIX}${subject}`;

/** The event type read models and consumers delete their copies on. */
export const PERSONAL_DATA_ERASED = 'PersonalDataErased' as const;

export type PersonalDataErased = Extract<DataSubjectEvent, { type: 'PersonalDataErased' }>;

/** The erasure an event of the log records, if it is one. */
export const erasureOf = (stored: StoredEvent & { streamId: string }): PersonalDataErased['data'] | null =>
  stored.type === PERSONAL_DATA_ERASED && stored.streamId.startsWith(STREAM_PREFIX) ? (stored.data as PersonalDataErased['data']) : null;

export const dataSubjectDecider: Decider<DataSubjectCommand, DataSubjectState, DataSubjectEvent, RetentionRule> = {
  decide: decideDataSubject,
  evolve: evolveDataSubject,
  initialState: initialDataSubjectState,
  decode: (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as DataSubjectEvent,
};

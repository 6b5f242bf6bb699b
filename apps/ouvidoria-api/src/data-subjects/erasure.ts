import {
  dataSubjectDecider,
  dataSubjectStreamId,
  isPastRetention,
  type DataSubjectCommand,
  type DataSubjectEvent,
  type DataSubjectState,
  type RetentionRule,
  type SubjectCase,
} from '@app/domain';
import { DateTime } from 'luxon';
import type { CommandPath } from '../application/command-path';
import { DeciderStreams } from '../application/decider-streams';
import type { Clock, RequestMeta } from '../application/ports';
import type { SubjectKeys } from '../personal-data/subject-keys';
import type { SubjectIndexReader } from './subject-index.reader';

/** What an erasure request comes to. */
export type ErasureAnswer =
  | { status: 'ERASED'; dataSubject: string; protocols: string[]; erasedAt: string }
  | { status: 'SCHEDULED'; dataSubject: string; protocols: string[]; effectiveAt: string | null; awaitingClosing: string[] };

export interface RetentionRun {
  /** Subjects whose keys were destroyed in this run. */
  erased: number;
  /** Cases whose personal data went with them. */
  cases: number;
}

type IndexedCase = SubjectCase & { erasedAt: string | null };

/** Who the retention job's events name as their actor. */
const RETENTION_ACTOR: RequestMeta = { actor: { sub: 'retention', role: 'system' }, correlationId: 'retention', causationId: 'retention' };

/**
 * Erasure of a data subject's personal data (LGPD art. 16 and 18) by destroying its keys, when
 * no case of it is under legal retention any more: at once when requested after that, else when
 * the retention job finds the last retention period over. Each erasure is recorded on the
 * subject's stream (`PersonalDataErased`), on which read models and consumers drop their copies.
 */
export class Erasure {
  private readonly streams: DeciderStreams<DataSubjectCommand, DataSubjectState, DataSubjectEvent, RetentionRule>;

  constructor(
    path: CommandPath,
    private readonly rule: RetentionRule,
    private readonly keys: SubjectKeys,
    private readonly clock: Clock,
    private readonly index: SubjectIndexReader,
    /** After the keys are destroyed: what else goes with the cases (their attachments' files). */
    private readonly afterShred: (protocols: string[]) => Promise<unknown> = async () => undefined,
  ) {
    this.streams = new DeciderStreams(path, dataSubjectDecider, rule, dataSubjectStreamId);
  }

  /** Records the request; erases now if no case is under retention, else answers when it will be. */
  async request(subject: string, meta: RequestMeta): Promise<ErasureAnswer> {
    const cases = await this.casesOf(subject);
    const { state } = await this.streams.act(subject, (now) => ({ type: 'RequestErasure', data: { subject, cases }, metadata: { now } }), {
      meta,
    });
    if (isPastRetention(cases, this.rule.retentionYears, this.clock.now())) return this.erase(subject, cases, meta);
    const { effectiveAt } = state.pendingRequest!;
    const awaitingClosing = cases.filter((c) => c.closedAt === null).map((c) => c.protocol);
    return { status: 'SCHEDULED', dataSubject: subject, protocols: cases.map((c) => c.protocol), effectiveAt, awaitingClosing };
  }

  /** Destroys the keys of every subject whose cases are all past retention; idempotent. */
  async runRetention(): Promise<RetentionRun> {
    await this.caughtUp();
    const now = this.clock.now();
    // A little later than the rule, which then decides exactly (years are not all as long).
    const closedBy = DateTime.fromJSDate(now).minus({ years: this.rule.retentionYears }).plus({ days: 2 }).toMillis();
    const run: RetentionRun = { erased: 0, cases: 0 };
    for (const subject of this.index.closedBy(closedBy)) {
      const cases = this.index.casesOf(subject);
      if (!isPastRetention(cases, this.rule.retentionYears, now)) continue;
      const erased = await this.erase(subject, cases, RETENTION_ACTOR);
      run.erased++;
      run.cases += erased.protocols.length;
    }
    return run;
  }

  /** The subject's cases as the index has them once it has caught up with the log. */
  async casesOf(subject: string): Promise<IndexedCase[]> {
    await this.caughtUp();
    return this.index.casesOf(subject);
  }

  /** The data subject a case belongs to, once the index has caught up with the log. */
  async subjectOfCase(protocol: string): Promise<string | null> {
    await this.caughtUp();
    return this.index.subjectOf(protocol);
  }

  /**
   * Keys first, then the files, then the record: a crash in between leaves a subject the next run
   * erases again (the keys a no-op, the files deleted if any are left) and records.
   */
  private async erase(subject: string, cases: IndexedCase[], meta: RequestMeta): Promise<ErasureAnswer> {
    await this.keys.shred(subject);
    const protocols = cases.map((c) => c.protocol);
    await this.afterShred(protocols);
    await this.streams.act(subject, (now) => ({ type: 'RecordErasure', data: { subject, protocols }, metadata: { now } }), { meta });
    // Erased before (a repeated request): answered with when it was done (ISO instants sort as text).
    const erasedBefore = cases.map((c) => c.erasedAt);
    const before = erasedBefore.includes(null) ? null : (erasedBefore as string[]).sort().at(-1)!;
    return { status: 'ERASED', dataSubject: subject, protocols, erasedAt: before ?? this.rule.calendar.toLocalIso(this.clock.now()) };
  }

  private caughtUp(): Promise<void> {
    return this.index.caughtUp();
  }
}

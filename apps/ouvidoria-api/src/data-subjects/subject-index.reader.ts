import type { SubjectCase } from '@app/domain';
import type { EventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { statement } from '../projections/statements';
import { SubjectIndexProjection } from './subject-index.projection';

const SQL = {
  casesOf: 'SELECT protocol, closed_at, erased_at FROM subject_cases WHERE subject = ? ORDER BY protocol',
  subjectOf: 'SELECT subject FROM subject_cases WHERE protocol = ?',
  closedBy: `SELECT subject FROM subject_cases GROUP BY subject
             HAVING count(closed_ms) = count(*) AND max(closed_ms) <= ? AND count(erased_at) < count(*)`,
};

interface Row {
  protocol: string;
  closed_at: string | null;
  erased_at: string | null;
}

/** Queries of the subject index (`SubjectIndexProjection`). */
export class SubjectIndexReader {
  /** `caughtUp` resolves once the index has applied the whole log as it is now. */
  constructor(
    private readonly db: () => Database.Database,
    readonly caughtUp: () => Promise<void>,
  ) {}

  /** The subject's cases, oldest protocol first, with when each was erased (null: not yet). */
  casesOf(subject: string): Array<SubjectCase & { erasedAt: string | null }> {
    return statement<[string], Row>(this.db(), SQL.casesOf)
      .all(subject)
      .map((row) => ({ protocol: row.protocol, closedAt: row.closed_at, erased: row.erased_at !== null, erasedAt: row.erased_at }));
  }

  /** The subject a case belongs to; null for an unknown case. */
  subjectOf(protocol: string): string | null {
    return statement<[string], { subject: string }>(this.db(), SQL.subjectOf).get(protocol)?.subject ?? null;
  }

  /**
   * Subjects with something left to erase whose every case was closed no later than `closedBy`
   * (milliseconds): the candidates for retention, which the domain's rule then decides on.
   */
  closedBy(closedBy: number): string[] {
    return statement<[number], { subject: string }>(this.db(), SQL.closedBy)
      .all(closedBy)
      .map((row) => row.subject);
  }
}

/**
 * The index built in memory from the log as stored (it needs no key: subjects and closing dates
 * are in clear), for the CLI, which does not write the server's read models.
 */
export async function subjectIndexOf(stored: EventStore): Promise<SubjectIndexReader> {
  const db = new Database(':memory:');
  const projection = new SubjectIndexProjection();
  projection.migrate(db);
  for (let after = 0n; ;) {
    const events = await stored.readAll({ after, maxCount: 1000 });
    if (events.length === 0) break;
    db.transaction(() => events.forEach((event) => projection.apply(db, event)))();
    after = events[events.length - 1].position;
  }
  return new SubjectIndexReader(
    () => db,
    () => Promise.resolve(),
  );
}

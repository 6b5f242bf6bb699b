import { erasureOf, protocolOf } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { PersonalDataMarker } from '../personal-data/personal-data-marker';
import type { Projection } from '../projections/projection';
import { statement } from '../projections/statements';

/** The subject index's read-model name. */
export const SUBJECT_INDEX = 'data-subjects';

const SQL = {
  register: 'INSERT INTO subject_cases (protocol, subject) VALUES (?, ?) ON CONFLICT (protocol) DO NOTHING',
  close: 'UPDATE subject_cases SET closed_at = ?, closed_ms = ? WHERE protocol = ?',
  erase: 'UPDATE subject_cases SET erased_at = ? WHERE protocol = ? AND subject = ?',
};

/**
 * Which cases each data subject has, by pseudonym (the keyed hash the sealing layer names subjects
 * by), never by document: subject access and erasure find a person's cases here without any
 * plaintext to scan. With each case, when it was closed (its retention runs from then) and whether
 * its personal data were erased.
 */
export class SubjectIndexProjection implements Projection {
  readonly name = SUBJECT_INDEX;
  readonly schemaVersion = 1;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS subject_cases (
        protocol  TEXT PRIMARY KEY,
        subject   TEXT NOT NULL,
        closed_at TEXT,
        closed_ms INTEGER,
        erased_at TEXT
      );
      CREATE INDEX IF NOT EXISTS subject_cases_by_subject ON subject_cases (subject);
    `);
  }

  apply(db: Database.Database, event: RecordedEvent): void {
    const erasure = erasureOf(event);
    if (erasure) {
      for (const protocol of erasure.protocols) statement(db, SQL.erase).run(erasure.erasedAt, protocol, erasure.subject);
      return;
    }
    const protocol = protocolOf(event.streamId);
    if (protocol === null) return;
    if (event.type === 'ManifestationRegistered') {
      const marker = event.metadata.personalData as PersonalDataMarker | undefined;
      if (marker) statement(db, SQL.register).run(protocol, marker.subject);
    } else if (event.type === 'ManifestationClosed') {
      const { closedAt } = event.data as { closedAt: string };
      statement(db, SQL.close).run(closedAt, Date.parse(closedAt), protocol);
    }
  }
}

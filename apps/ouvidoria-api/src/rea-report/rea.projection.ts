import type { ManifestationEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { toDomainEvent } from '../application/manifestation-stream';
import type { Projection } from '../projections/projection';

const CASE_STREAM = 'manifestation-';

/**
 * One row per case with every fact the yearly REA-Ouvidorias counts; the report is a set of
 * aggregates over the rows of one year. The year and month are those of the local receipt date.
 */
export class ReaProjection implements Projection {
  readonly name = 'rea';
  private statements!: ReturnType<ReaProjection['prepare']>;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rea_cases (
        protocol            TEXT PRIMARY KEY,
        year                INTEGER NOT NULL,
        month               INTEGER NOT NULL,
        type                TEXT NOT NULL,
        channel             TEXT NOT NULL,
        theme               TEXT,
        contract_type       TEXT NOT NULL,
        requester_kind      TEXT NOT NULL,
        sac_escalation      INTEGER NOT NULL DEFAULT 0,
        extended            INTEGER NOT NULL DEFAULT 0,
        closed_reason       TEXT,
        outcome             TEXT,
        timeliness          TEXT,
        business_days_taken INTEGER,
        late_reason         TEXT,
        reversal_reason     TEXT,
        satisfaction_score  INTEGER
      );
      CREATE INDEX IF NOT EXISTS rea_cases_by_year ON rea_cases (year, month);
    `);
    this.statements = this.prepare(db);
  }

  apply(_db: Database.Database, recorded: RecordedEvent): void {
    if (!recorded.streamId.startsWith(CASE_STREAM)) return;
    const protocol = recorded.streamId.slice(CASE_STREAM.length);
    const sql = this.statements;
    const event = toDomainEvent(recorded);
    switch (event.type) {
      case 'ManifestationRegistered': {
        const d = event.data;
        // receivedAt carries the operator's offset: its date part is the local receipt date.
        const [year, month] = [Number(d.receivedAt.slice(0, 4)), Number(d.receivedAt.slice(5, 7))];
        sql.register.run(protocol, year, month, d.manifestationType, d.channel, d.theme ?? null, d.contractType, d.requester.kind);
        return;
      }
      case 'EscalatedFromSac':
        sql.escalated.run(protocol);
        return;
      case 'ManifestationClassified':
        sql.classify.run(event.data.theme, protocol);
        return;
      case 'DeadlineExtended':
        sql.extend.run(protocol);
        return;
      case 'ManifestationAnswered': {
        const d = event.data;
        sql.answer.run(d.outcome, d.timeliness, d.businessDaysTaken, d.lateReason ?? null, d.reversalReason ?? null, protocol);
        return;
      }
      case 'ManifestationClosed':
        sql.close.run(event.data.reason, protocol);
        return;
      case 'SatisfactionRecorded':
        sql.satisfaction.run(event.data.score, protocol);
        return;
      case 'ForwardedToManagement':
      case 'ManagementReplied':
        return;
      default:
        return assertNever(event);
    }
  }

  private prepare(db: Database.Database) {
    return {
      register: db.prepare(
        `INSERT INTO rea_cases (protocol, year, month, type, channel, theme, contract_type, requester_kind)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (protocol) DO NOTHING`,
      ),
      escalated: db.prepare('UPDATE rea_cases SET sac_escalation = 1 WHERE protocol = ?'),
      classify: db.prepare('UPDATE rea_cases SET theme = ? WHERE protocol = ?'),
      extend: db.prepare('UPDATE rea_cases SET extended = 1 WHERE protocol = ?'),
      answer: db.prepare(
        `UPDATE rea_cases SET outcome = ?, timeliness = ?, business_days_taken = ?, late_reason = ?, reversal_reason = ?
         WHERE protocol = ?`,
      ),
      close: db.prepare('UPDATE rea_cases SET closed_reason = ? WHERE protocol = ?'),
      satisfaction: db.prepare('UPDATE rea_cases SET satisfaction_score = ? WHERE protocol = ?'),
    };
  }
}

function assertNever(event: never): void {
  throw new Error(`unhandled event ${(event as ManifestationEvent).type}`);
}

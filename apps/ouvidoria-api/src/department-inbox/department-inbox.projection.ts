import {
  decodeManifestationEvent,
  ERASED,
  erasedRequester,
  erasureOf,
  protocolOf,
  requesterForDepartment,
  unhandled,
  type ManifestationType,
  type Requester,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { sealedValuesRefOf } from '../personal-data/sealed-values-ref';
import type { Projection } from '../projections/projection';
import { statement } from '../projections/statements';

/** The inbox's read-model name. */
export const DEPARTMENT_INBOX = 'department-inbox';

const SQL = {
  registerManifestation: `INSERT INTO inbox_manifestations (protocol, type, theme, subject, description, requester, sealed)
                          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (protocol) DO NOTHING`,
  classifyManifestation: 'UPDATE inbox_manifestations SET theme = ? WHERE protocol = ?',
  classifyForwardings: 'UPDATE inbox_forwardings SET theme = ? WHERE protocol = ?',
  convertManifestation: 'UPDATE inbox_manifestations SET type = ? WHERE protocol = ?',
  convertForwardings: 'UPDATE inbox_forwardings SET type = ? WHERE protocol = ?',
  facts: 'SELECT type, theme, subject, description, requester, sealed FROM inbox_manifestations WHERE protocol = ?',
  forward: `INSERT INTO inbox_forwardings (forwarding_id, department, protocol, status, case_status, type, theme, subject,
              description, instructions, requester, forwarded_at, due_at, due_ms, sealed_facts, sealed_forwarding)
            VALUES (@forwarding_id, @department, @protocol, 'PENDING', 'OPEN', @type, @theme, @subject,
              @description, @instructions, @requester, @forwarded_at, @due_at, @due_ms, @sealed_facts, @sealed_forwarding)
            ON CONFLICT (forwarding_id) DO NOTHING`,
  reply: `UPDATE inbox_forwardings SET status = 'REPLIED', reply_text = ?, replied_at = ?, sealed_reply = ? WHERE forwarding_id = ?`,
  manifestationStatus: 'UPDATE inbox_forwardings SET case_status = ? WHERE protocol = ?',
  eraseManifestation: `UPDATE inbox_manifestations SET subject = @erased, description = @erased, requester = @requester,
                         sealed = NULL
                       WHERE protocol = @protocol`,
  eraseForwardings: `UPDATE inbox_forwardings SET subject = @erased, description = @erased, instructions = @erased,
                       reply_text = CASE WHEN reply_text IS NULL THEN NULL ELSE @erased END,
                       sealed_facts = NULL, sealed_forwarding = NULL, sealed_reply = NULL
                     WHERE protocol = @protocol`,
  forwardedRequesters: 'SELECT forwarding_id, requester FROM inbox_forwardings WHERE protocol = ? AND requester IS NOT NULL',
  eraseForwardedRequester: 'UPDATE inbox_forwardings SET requester = ? WHERE forwarding_id = ?',
};

interface Facts {
  type: ManifestationType;
  theme: string | null;
  subject: string;
  description: string;
  requester: string;
  sealed: string | null;
}

/** The event's sealed values as a column keeps them (JSON), or null. */
const sealedColumn = (event: RecordedEvent) => {
  const ref = sealedValuesRefOf(event);
  return ref && JSON.stringify(ref);
};

/**
 * Each department's inbox: one row per forwarding, with what the department needs to act and the
 * requester already minimised (`requesterForDepartment`) when the forwarding is made. The
 * manifestation facts it copies from (`inbox_manifestations`) are kept apart and never served.
 * (`case_status` is the column of the API field `caseStatus`.)
 *
 * It follows the log as stored: the personal values stay there, sealed; a row holds `[sealed]`
 * where each stands and points at the event they are in (`sealed`, `sealed_facts`,
 * `sealed_forwarding`, `sealed_reply`: a `SealedValuesRef`); the query opens those of the rows it
 * returns. Events stored without sealed values keep them in clear here.
 */
export class DepartmentInboxProjection implements Projection {
  readonly name = DEPARTMENT_INBOX;
  /** 2: the facts table renamed `inbox_manifestations`; 3: personal values kept sealed. */
  readonly schemaVersion = 3;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS inbox_manifestations (
        protocol    TEXT PRIMARY KEY,
        type        TEXT NOT NULL,
        theme       TEXT,
        subject     TEXT NOT NULL,
        description TEXT NOT NULL,
        requester   TEXT NOT NULL,
        sealed      TEXT
      );
      CREATE TABLE IF NOT EXISTS inbox_forwardings (
        forwarding_id TEXT PRIMARY KEY,
        department    TEXT NOT NULL,
        protocol      TEXT NOT NULL,
        status        TEXT NOT NULL,
        case_status   TEXT NOT NULL,
        type          TEXT NOT NULL,
        theme         TEXT,
        subject       TEXT NOT NULL,
        description   TEXT NOT NULL,
        instructions  TEXT NOT NULL,
        requester     TEXT,
        forwarded_at  TEXT NOT NULL,
        due_at        TEXT NOT NULL,
        due_ms        INTEGER NOT NULL,
        reply_text    TEXT,
        replied_at    TEXT,
        sealed_facts      TEXT,
        sealed_forwarding TEXT,
        sealed_reply      TEXT
      );
      CREATE INDEX IF NOT EXISTS inbox_by_department ON inbox_forwardings (department, status, due_ms, forwarding_id);
      CREATE INDEX IF NOT EXISTS inbox_by_protocol ON inbox_forwardings (protocol);
    `);
  }

  apply(db: Database.Database, recorded: RecordedEvent): void {
    const run = (sql: string, ...params: unknown[]) => statement(db, sql).run(...params);
    const erasure = erasureOf(recorded);
    if (erasure) {
      for (const protocol of erasure.protocols) this.erase(db, protocol);
      return;
    }
    const protocol = protocolOf(recorded.streamId);
    if (protocol === null) return;
    const event = decodeManifestationEvent(recorded);
    switch (event.type) {
      case 'ManifestationRegistered': {
        const d = event.data;
        run(
          SQL.registerManifestation,
          protocol,
          d.manifestationType,
          d.theme ?? null,
          d.subject,
          d.description,
          JSON.stringify(d.requester),
          sealedColumn(recorded),
        );
        return;
      }
      case 'ManifestationClassified':
        run(SQL.classifyManifestation, event.data.theme, protocol);
        run(SQL.classifyForwardings, event.data.theme, protocol);
        return;
      case 'ReanaliseConverted':
        // Never to or from a DENUNCIA: the requester shown stays as minimised.
        run(SQL.convertManifestation, event.data.toType, protocol);
        run(SQL.convertForwardings, event.data.toType, protocol);
        return;
      case 'ForwardedToManagement': {
        const d = event.data;
        const facts = statement<[string], Facts>(db, SQL.facts).get(protocol);
        if (!facts) return;
        const requester = requesterForDepartment(facts.type, JSON.parse(facts.requester) as Requester, d.shareRequesterContact);
        run(SQL.forward, {
          forwarding_id: d.forwardingId,
          department: d.department,
          protocol,
          type: facts.type,
          theme: facts.theme,
          subject: facts.subject,
          description: facts.description,
          instructions: d.instructions,
          requester: requester ? JSON.stringify(requester) : null,
          forwarded_at: d.forwardedAt,
          due_at: d.dueAt,
          due_ms: Date.parse(d.dueAt),
          sealed_facts: facts.sealed,
          sealed_forwarding: sealedColumn(recorded),
        });
        return;
      }
      case 'ManagementReplied':
        run(SQL.reply, event.data.text, event.data.repliedAt, sealedColumn(recorded), event.data.forwardingId);
        return;
      case 'ManifestationAnswered':
        run(SQL.manifestationStatus, 'ANSWERED', protocol);
        return;
      case 'ManifestationClosed':
        run(SQL.manifestationStatus, 'CLOSED', protocol);
        return;
      case 'EscalatedFromSac':
      case 'DeadlineExtended':
      case 'SatisfactionRecorded':
      case 'AccessCodeReissued':
      case 'ClarificationRequested':
      case 'ClarificationReplied':
      case 'AttachmentAdded':
        return;
      default:
        return unhandled(event);
    }
  }

  /** What a rebuild would now read of an erased case: every personal value `[erased]`. */
  private erase(db: Database.Database, protocol: string): void {
    const facts = statement<[string], Facts>(db, SQL.facts).get(protocol);
    if (!facts) return;
    const requester = JSON.stringify(erasedRequester(JSON.parse(facts.requester) as Requester));
    statement(db, SQL.eraseManifestation).run({ erased: ERASED, requester, protocol });
    statement(db, SQL.eraseForwardings).run({ erased: ERASED, protocol });
    const forwarded = statement<[string], { forwarding_id: string; requester: string }>(db, SQL.forwardedRequesters).all(protocol);
    for (const row of forwarded) {
      statement(db, SQL.eraseForwardedRequester).run(
        JSON.stringify(erasedRequester(JSON.parse(row.requester) as object)),
        row.forwarding_id,
      );
    }
  }
}

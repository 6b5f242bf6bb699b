import { requesterForDepartment, type ManifestationType, type Requester } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { protocolOf, toDomainEvent, unhandled } from '../application/manifestation-stream';
import type { Projection } from '../projections/projection';


/**
 * Each department's inbox: one row per forwarding, with what the department needs to act and
 * the requester already minimised (`requesterForDepartment`) when the forwarding is made. The
 * case facts it copies from (`inbox_cases`) are kept apart and never served.
 */
export class DepartmentInboxProjection implements Projection {
  readonly name = 'department-inbox';
  readonly schemaVersion = 1;
  private statements!: ReturnType<DepartmentInboxProjection['prepare']>;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS inbox_cases (
        protocol    TEXT PRIMARY KEY,
        type        TEXT NOT NULL,
        theme       TEXT,
        subject     TEXT NOT NULL,
        description TEXT NOT NULL,
        requester   TEXT NOT NULL
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
        replied_at    TEXT
      );
      CREATE INDEX IF NOT EXISTS inbox_by_department ON inbox_forwardings (department, status, due_ms, forwarding_id);
      CREATE INDEX IF NOT EXISTS inbox_by_protocol ON inbox_forwardings (protocol);
    `);
    this.statements = this.prepare(db);
  }

  apply(_db: Database.Database, recorded: RecordedEvent): void {
    const protocol = protocolOf(recorded.streamId);
    if (protocol === null) return;
    const sql = this.statements;
    const event = toDomainEvent(recorded);
    switch (event.type) {
      case 'ManifestationRegistered': {
        const d = event.data;
        sql.registerCase.run(protocol, d.manifestationType, d.theme ?? null, d.subject, d.description, JSON.stringify(d.requester));
        return;
      }
      case 'ManifestationClassified':
        sql.classifyCase.run(event.data.theme, protocol);
        sql.classifyForwardings.run(event.data.theme, protocol);
        return;
      case 'ReanaliseConverted':
        // Never to or from a DENUNCIA: the requester shown stays as minimised.
        sql.convertCase.run(event.data.toType, protocol);
        sql.convertForwardings.run(event.data.toType, protocol);
        return;
      case 'ForwardedToManagement': {
        const d = event.data;
        const facts = sql.caseFacts.get(protocol) as
          | { type: ManifestationType; theme: string | null; subject: string; description: string; requester: string }
          | undefined;
        if (!facts) return;
        const requester = requesterForDepartment(facts.type, JSON.parse(facts.requester) as Requester, d.shareRequesterContact ?? false);
        sql.forward.run({
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
        });
        return;
      }
      case 'ManagementReplied':
        sql.reply.run(event.data.text, event.data.repliedAt, event.data.forwardingId);
        return;
      case 'ManifestationAnswered':
        sql.caseStatus.run('ANSWERED', protocol);
        return;
      case 'ManifestationClosed':
        sql.caseStatus.run('CLOSED', protocol);
        return;
      case 'EscalatedFromSac':
      case 'DeadlineExtended':
      case 'SatisfactionRecorded':
        return;
      default:
        return unhandled(event);
    }
  }

  private prepare(db: Database.Database) {
    return {
      registerCase: db.prepare(
        `INSERT INTO inbox_cases (protocol, type, theme, subject, description, requester)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (protocol) DO NOTHING`,
      ),
      classifyCase: db.prepare('UPDATE inbox_cases SET theme = ? WHERE protocol = ?'),
      classifyForwardings: db.prepare('UPDATE inbox_forwardings SET theme = ? WHERE protocol = ?'),
      convertCase: db.prepare('UPDATE inbox_cases SET type = ? WHERE protocol = ?'),
      convertForwardings: db.prepare('UPDATE inbox_forwardings SET type = ? WHERE protocol = ?'),
      caseFacts: db.prepare('SELECT type, theme, subject, description, requester FROM inbox_cases WHERE protocol = ?'),
      forward: db.prepare(
        `INSERT INTO inbox_forwardings (forwarding_id, department, protocol, status, case_status, type, theme, subject,
           description, instructions, requester, forwarded_at, due_at, due_ms)
         VALUES (@forwarding_id, @department, @protocol, 'PENDING', 'OPEN', @type, @theme, @subject,
           @description, @instructions, @requester, @forwarded_at, @due_at, @due_ms)
         ON CONFLICT (forwarding_id) DO NOTHING`,
      ),
      reply: db.prepare(`UPDATE inbox_forwardings SET status = 'REPLIED', reply_text = ?, replied_at = ? WHERE forwarding_id = ?`),
      caseStatus: db.prepare('UPDATE inbox_forwardings SET case_status = ? WHERE protocol = ?'),
    };
  }
}

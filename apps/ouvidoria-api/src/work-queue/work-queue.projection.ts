import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import { protocolOf, toDomainEvent, unhandled } from '../application/manifestation-stream';
import type { Projection } from '../projections/projection';


/**
 * The work queue: one row per case with what the queue filters and sorts on, and one row per
 * forwarding. No requester data: the queue does not need it.
 */
export class WorkQueueProjection implements Projection {
  readonly name = 'work-queue';
  readonly schemaVersion = 1;
  private statements!: ReturnType<WorkQueueProjection['prepare']>;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS work_queue (
        protocol    TEXT PRIMARY KEY,
        type        TEXT NOT NULL,
        channel     TEXT NOT NULL,
        theme       TEXT,
        status      TEXT NOT NULL,
        received_at TEXT NOT NULL,
        received_ms INTEGER NOT NULL,
        deadline    TEXT NOT NULL,
        deadline_ms INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS work_queue_by_deadline ON work_queue (deadline_ms, protocol);
      CREATE INDEX IF NOT EXISTS work_queue_by_status ON work_queue (status, deadline_ms, protocol);
      CREATE INDEX IF NOT EXISTS work_queue_by_received ON work_queue (received_ms);
      CREATE TABLE IF NOT EXISTS work_queue_forwardings (
        forwarding_id TEXT PRIMARY KEY,
        protocol      TEXT NOT NULL,
        department    TEXT NOT NULL,
        status        TEXT NOT NULL,
        due_ms        INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS work_queue_forwardings_by_department
        ON work_queue_forwardings (department, status, protocol);
      CREATE INDEX IF NOT EXISTS work_queue_forwardings_by_protocol ON work_queue_forwardings (protocol);
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
        const received = Date.parse(d.receivedAt);
        sql.register.run(protocol, d.manifestationType, d.channel, d.theme ?? null, d.receivedAt, received, d.deadline, Date.parse(d.deadline));
        return;
      }
      case 'ManifestationClassified':
        sql.classify.run(event.data.theme, protocol);
        return;
      case 'ReanaliseConverted':
        sql.convert.run(event.data.toType, protocol);
        return;
      case 'DeadlineExtended':
        sql.extend.run(event.data.newDeadline, Date.parse(event.data.newDeadline), protocol);
        return;
      case 'ManifestationAnswered':
        sql.status.run('ANSWERED', protocol);
        return;
      case 'ManifestationClosed':
        sql.status.run('CLOSED', protocol);
        return;
      case 'ForwardedToManagement': {
        const { forwardingId, department, dueAt } = event.data;
        sql.forward.run(forwardingId, protocol, department, Date.parse(dueAt));
        return;
      }
      case 'ManagementReplied':
        sql.reply.run(event.data.forwardingId);
        return;
      case 'EscalatedFromSac':
      case 'SatisfactionRecorded':
        return;
      default:
        return unhandled(event);
    }
  }

  private prepare(db: Database.Database) {
    return {
      register: db.prepare(
        `INSERT INTO work_queue (protocol, type, channel, theme, status, received_at, received_ms, deadline, deadline_ms)
         VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?) ON CONFLICT (protocol) DO NOTHING`,
      ),
      classify: db.prepare('UPDATE work_queue SET theme = ? WHERE protocol = ?'),
      convert: db.prepare('UPDATE work_queue SET type = ? WHERE protocol = ?'),
      extend: db.prepare('UPDATE work_queue SET deadline = ?, deadline_ms = ? WHERE protocol = ?'),
      status: db.prepare('UPDATE work_queue SET status = ? WHERE protocol = ?'),
      forward: db.prepare(
        `INSERT INTO work_queue_forwardings (forwarding_id, protocol, department, status, due_ms)
         VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT (forwarding_id) DO NOTHING`,
      ),
      reply: db.prepare(`UPDATE work_queue_forwardings SET status = 'REPLIED' WHERE forwarding_id = ?`),
    };
  }
}

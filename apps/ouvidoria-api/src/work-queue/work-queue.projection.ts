import { decodeManifestationEvent, protocolOf, unhandled } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';
import type { Projection } from '../projections/projection';
import { statement } from '../projections/statements';

/** The work queue's read-model name (its files, its `projections:rebuild` argument). */
export const WORK_QUEUE = 'work-queue';

const SQL = {
  register: `INSERT INTO work_queue (protocol, type, channel, theme, status, received_at, received_ms, deadline, deadline_ms, sac_protocol)
             VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?) ON CONFLICT (protocol) DO NOTHING`,
  classify: 'UPDATE work_queue SET theme = ? WHERE protocol = ?',
  convert: 'UPDATE work_queue SET type = ? WHERE protocol = ?',
  extend: 'UPDATE work_queue SET deadline = ?, deadline_ms = ? WHERE protocol = ?',
  status: 'UPDATE work_queue SET status = ? WHERE protocol = ?',
  forward: `INSERT INTO work_queue_forwardings (forwarding_id, protocol, department, status, due_ms)
            VALUES (?, ?, ?, 'PENDING', ?) ON CONFLICT (forwarding_id) DO NOTHING`,
  reply: `UPDATE work_queue_forwardings SET status = 'REPLIED' WHERE forwarding_id = ?`,
};

/**
 * The work queue: one row per manifestation with what the queue filters and sorts on, and one row
 * per forwarding. No requester data: the queue does not need it. The SAC protocol is the SAC's
 * own case number, not personal data: staff look a case up by it when the SAC calls.
 */
export class WorkQueueProjection implements Projection {
  readonly name = WORK_QUEUE;
  readonly schemaVersion = 2;

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
        deadline_ms INTEGER NOT NULL,
        sac_protocol TEXT
      );
      CREATE INDEX IF NOT EXISTS work_queue_by_deadline ON work_queue (deadline_ms, protocol);
      CREATE INDEX IF NOT EXISTS work_queue_by_status ON work_queue (status, deadline_ms, protocol);
      CREATE INDEX IF NOT EXISTS work_queue_by_received ON work_queue (received_ms);
      CREATE INDEX IF NOT EXISTS work_queue_by_sac_protocol ON work_queue (sac_protocol) WHERE sac_protocol IS NOT NULL;
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
  }

  apply(db: Database.Database, recorded: RecordedEvent): void {
    const protocol = protocolOf(recorded.streamId);
    if (protocol === null) return;
    const run = (sql: string, ...params: unknown[]) => statement(db, sql).run(...params);
    const event = decodeManifestationEvent(recorded);
    switch (event.type) {
      case 'ManifestationRegistered': {
        const d = event.data;
        run(
          SQL.register,
          protocol,
          d.manifestationType,
          d.channel,
          d.theme ?? null,
          d.receivedAt,
          Date.parse(d.receivedAt),
          d.deadline,
          Date.parse(d.deadline),
          d.sacProtocol ?? null,
        );
        return;
      }
      case 'ManifestationClassified':
        run(SQL.classify, event.data.theme, protocol);
        return;
      case 'ReanaliseConverted':
        run(SQL.convert, event.data.toType, protocol);
        return;
      case 'DeadlineExtended':
        run(SQL.extend, event.data.newDeadline, Date.parse(event.data.newDeadline), protocol);
        return;
      case 'ManifestationAnswered':
        run(SQL.status, 'ANSWERED', protocol);
        return;
      case 'ManifestationClosed':
        run(SQL.status, 'CLOSED', protocol);
        return;
      case 'ForwardedToManagement': {
        const { forwardingId, department, dueAt } = event.data;
        run(SQL.forward, forwardingId, protocol, department, Date.parse(dueAt));
        return;
      }
      case 'ManagementReplied':
        run(SQL.reply, event.data.forwardingId);
        return;
      case 'EscalatedFromSac':
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
}

import type { ManifestationStatus, DepartmentRequester, ForwardingStatus, ManifestationType, Theme } from '@app/domain';
import type Database from 'better-sqlite3';
import type { SealedValuesRef } from '../personal-data/sealed-values-ref';
import { decodeCursor, encodeCursor } from '../projections/cursor';

export interface InboxItem {
  forwardingId: string;
  protocol: string;
  type: ManifestationType;
  theme: Theme | null;
  subject: string;
  description: string;
  instructions: string;
  forwardedAt: string;
  dueAt: string;
  status: ForwardingStatus;
  caseStatus: ManifestationStatus;
  /** Absent for a DENUNCIA; contact data only when the forwarding shared it. */
  requester?: DepartmentRequester;
  reply?: { text: string; repliedAt: string };
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/** An item as stored: `[sealed]` where its personal values stand, and the sealed values of the events they came from. */
export interface StoredInboxItem {
  item: InboxItem;
  facts: SealedValuesRef | null;
  forwarding: SealedValuesRef | null;
  reply: SealedValuesRef | null;
}

export interface StoredInboxPage {
  items: StoredInboxItem[];
  nextCursor: string | null;
}

interface Row {
  forwarding_id: string;
  protocol: string;
  type: ManifestationType;
  theme: Theme | null;
  subject: string;
  description: string;
  instructions: string;
  forwarded_at: string;
  due_at: string;
  due_ms: number;
  status: ForwardingStatus;
  case_status: ManifestationStatus;
  requester: string | null;
  reply_text: string | null;
  replied_at: string | null;
  sealed_facts: string | null;
  sealed_forwarding: string | null;
  sealed_reply: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A department's forwardings, soonest due first, as stored (see `openInboxPage`). */
export class DepartmentInboxReader {
  constructor(private readonly database: () => Database.Database) {}

  list(department: string, filter: { status?: ForwardingStatus; limit: number; cursor?: string }): StoredInboxPage {
    const params: Record<string, unknown> = { department, limit: filter.limit + 1 };
    const where = ['department = @department'];
    if (filter.status) {
      where.push('status = @status');
      params.status = filter.status;
    }
    if (filter.cursor !== undefined) {
      const [due, id] = decodeCursor(filter.cursor, UUID);
      where.push('(due_ms, forwarding_id) > (@cursorDue, @cursorId)');
      Object.assign(params, { cursorDue: due, cursorId: id });
    }
    const rows = this.database()
      .prepare<Record<string, unknown>, Row>(
        `SELECT * FROM inbox_forwardings WHERE ${where.join(' AND ')} ORDER BY due_ms, forwarding_id LIMIT @limit`,
      )
      .all(params);
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        item: toItem(row),
        facts: refOf(row.sealed_facts),
        forwarding: refOf(row.sealed_forwarding),
        reply: refOf(row.sealed_reply),
      })),
      nextCursor: rows.length > filter.limit ? encodeCursor(last.due_ms, last.forwarding_id) : null,
    };
  }
}

function toItem(row: Row): InboxItem {
  return {
    forwardingId: row.forwarding_id,
    protocol: row.protocol,
    type: row.type,
    theme: row.theme,
    subject: row.subject,
    description: row.description,
    instructions: row.instructions,
    forwardedAt: row.forwarded_at,
    dueAt: row.due_at,
    status: row.status,
    caseStatus: row.case_status,
    ...(row.requester ? { requester: JSON.parse(row.requester) as DepartmentRequester } : {}),
    ...(row.reply_text !== null ? { reply: { text: row.reply_text, repliedAt: row.replied_at! } } : {}),
  };
}

const refOf = (column: string | null) => (column === null ? null : (JSON.parse(column) as SealedValuesRef));

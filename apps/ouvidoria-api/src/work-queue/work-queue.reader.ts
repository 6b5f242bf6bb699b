import {
  PROTOCOL_PATTERN,
  type BusinessCalendar,
  type ManifestationStatus,
  type Channel,
  type ManifestationType,
  type Theme,
} from '@app/domain';
import type Database from 'better-sqlite3';
import { decodeCursor, encodeCursor } from '../projections/cursor';

export interface QueueFilter {
  status?: ManifestationStatus;
  type?: ManifestationType;
  theme?: Theme;
  department?: string;
  /** The SAC's protocol the case was registered or escalated with. */
  sacProtocol?: string;
  overdue?: boolean;
  dueWithinBusinessDays?: number;
  receivedFrom?: Date;
  receivedTo?: Date;
  limit: number;
  cursor?: string;
}

export interface QueueItem {
  protocol: string;
  type: ManifestationType;
  channel: Channel;
  theme: Theme | null;
  status: ManifestationStatus;
  receivedAt: string;
  deadline: string;
  /** Business days until the deadline (0 = due today), negative when overdue; null once answered. */
  businessDaysLeft: number | null;
  pendingDepartments: string[];
}

export interface QueuePage {
  items: QueueItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface QueueStats {
  open: number;
  overdue: number;
  dueWithin2BusinessDays: number;
  /** Per department, its PENDING forwardings on cases not closed, judged by their own due date. */
  departments: Array<{ department: string; pending: number; overdue: number; dueWithin2BusinessDays: number }>;
}

interface Row {
  protocol: string;
  type: ManifestationType;
  channel: Channel;
  theme: Theme | null;
  status: ManifestationStatus;
  received_at: string;
  deadline: string;
  deadline_ms: number;
}

const OPEN_OVERDUE = `q.status = 'OPEN' AND q.deadline_ms < @now`;

/** Queries over the work-queue read model (`WorkQueueProjection`); `now` and the calendar decide what is overdue or due. */
export class WorkQueueReader {
  constructor(
    private readonly database: () => Database.Database,
    private readonly calendar: BusinessCalendar,
  ) {}

  list(filter: QueueFilter, now: Date): QueuePage {
    const where: string[] = [];
    const params: Record<string, unknown> = { now: now.getTime(), limit: filter.limit + 1 };
    const equal = (column: string, value: unknown) => {
      if (value === undefined) return;
      where.push(`q.${column} = @${column}`);
      params[column] = value;
    };
    equal('status', filter.status);
    equal('type', filter.type);
    equal('theme', filter.theme);
    equal('sac_protocol', filter.sacProtocol);
    if (filter.overdue !== undefined) where.push(filter.overdue ? OPEN_OVERDUE : `NOT (${OPEN_OVERDUE})`);
    if (filter.dueWithinBusinessDays !== undefined) {
      where.push(`q.status = 'OPEN' AND q.deadline_ms >= @now AND q.deadline_ms <= @dueBy`);
      params.dueBy = this.calendar.deadline(now, filter.dueWithinBusinessDays).getTime();
    }
    if (filter.department !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM work_queue_forwardings f
        WHERE f.protocol = q.protocol AND f.department = @department AND f.status = 'PENDING')`);
      params.department = filter.department;
    }
    if (filter.receivedFrom) {
      where.push('q.received_ms >= @receivedFrom');
      params.receivedFrom = filter.receivedFrom.getTime();
    }
    if (filter.receivedTo) {
      where.push('q.received_ms < @receivedTo');
      params.receivedTo = filter.receivedTo.getTime();
    }
    if (filter.cursor !== undefined) {
      const [deadline, protocol] = decodeCursor(filter.cursor, PROTOCOL_PATTERN);
      where.push('(q.deadline_ms, q.protocol) > (@cursorDeadline, @cursorProtocol)');
      Object.assign(params, { cursorDeadline: deadline, cursorProtocol: protocol });
    }
    const rows = this.database()
      .prepare<Record<string, unknown>, Row>(
        `SELECT q.protocol, q.type, q.channel, q.theme, q.status, q.received_at, q.deadline, q.deadline_ms
         FROM work_queue q ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY q.deadline_ms, q.protocol LIMIT @limit`,
      )
      .all(params);
    const page = rows.slice(0, filter.limit);
    const pending = this.pendingDepartments(page.map((r) => r.protocol));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        protocol: row.protocol,
        type: row.type,
        channel: row.channel,
        theme: row.theme,
        status: row.status,
        receivedAt: row.received_at,
        deadline: row.deadline,
        businessDaysLeft: row.status === 'OPEN' ? this.businessDaysLeft(now, new Date(row.deadline_ms)) : null,
        pendingDepartments: pending.get(row.protocol) ?? [],
      })),
      nextCursor: rows.length > filter.limit ? encodeCursor(last.deadline_ms, last.protocol) : null,
    };
  }

  stats(now: Date): QueueStats {
    const byType = this.statsByType(now);
    const total = (pick: (row: (typeof byType)[number]) => number) => byType.reduce((sum, row) => sum + pick(row), 0);
    return {
      open: total((r) => r.open),
      overdue: total((r) => r.overdue),
      dueWithin2BusinessDays: total((r) => r.dueWithin2BusinessDays),
      departments: this.departmentStats(now),
    };
  }

  /** Per department, its PENDING forwardings on cases not closed, judged by their own due date. */
  departmentStats(now: Date): QueueStats['departments'] {
    const params = { now: now.getTime(), dueBy: this.calendar.deadline(now, 2).getTime() };
    return this.database()
      .prepare<typeof params, { department: string; pending: number; overdue: number; due: number }>(
        `SELECT f.department, count(*) AS pending,
                count(*) FILTER (WHERE f.due_ms < @now) AS overdue,
                count(*) FILTER (WHERE f.due_ms >= @now AND f.due_ms <= @dueBy) AS due
         FROM work_queue_forwardings f JOIN work_queue q ON q.protocol = f.protocol
         WHERE f.status = 'PENDING' AND q.status <> 'CLOSED'
         GROUP BY f.department ORDER BY f.department`,
      )
      .all(params)
      .map(({ department, pending, overdue, due }) => ({ department, pending, overdue, dueWithin2BusinessDays: due }));
  }

  /** Open, overdue and due-within-2-business-days cases per manifestation type (the metrics' business gauges). */
  statsByType(now: Date): Array<{ type: ManifestationType; open: number; overdue: number; dueWithin2BusinessDays: number }> {
    const params = { now: now.getTime(), dueBy: this.calendar.deadline(now, 2).getTime() };
    return this.database()
      .prepare<typeof params, { type: ManifestationType; open: number; overdue: number; due: number }>(
        `SELECT type, count(*) AS open,
                count(*) FILTER (WHERE deadline_ms < @now) AS overdue,
                count(*) FILTER (WHERE deadline_ms >= @now AND deadline_ms <= @dueBy) AS due
         FROM work_queue WHERE status = 'OPEN' GROUP BY type ORDER BY type`,
      )
      .all(params)
      .map(({ type, open, overdue, due }) => ({ type, open, overdue, dueWithin2BusinessDays: due }));
  }

  private businessDaysLeft(now: Date, deadline: Date): number {
    return deadline.getTime() >= now.getTime()
      ? this.calendar.businessDaysBetween(now, deadline)
      : // Overdue is never "0 left", even when no business day has passed since the deadline.
        -Math.max(1, this.calendar.businessDaysBetween(deadline, now));
  }

  private pendingDepartments(protocols: string[]): Map<string, string[]> {
    const byProtocol = new Map<string, string[]>();
    if (protocols.length === 0) return byProtocol;
    const rows = this.database()
      .prepare<string[], { protocol: string; department: string }>(
        `SELECT protocol, department FROM work_queue_forwardings
         WHERE status = 'PENDING' AND protocol IN (${protocols.map(() => '?').join(', ')})
         ORDER BY department`,
      )
      .all(...protocols);
    for (const { protocol, department } of rows) byProtocol.set(protocol, [...(byProtocol.get(protocol) ?? []), department]);
    return byProtocol;
  }
}

import type { Registry } from 'prom-client';
import type { WorkQueueReader } from '../work-queue';
import { labelledGauge, perScrape } from './per-scrape';

type ByType = ReturnType<WorkQueueReader['statsByType']>[number];
type ByDepartment = ReturnType<WorkQueueReader['departmentStats']>[number];

/**
 * What an Ouvidoria lead watches, read from the work queue at each scrape: open, overdue and
 * due-within-2-business-days cases per manifestation type, and per department its pending
 * forwardings judged by their own due dates. Nothing is exported while the queue catches up after
 * start (its counts would be a past state).
 */
export function businessGauges(registry: Registry, queue: WorkQueueReader, now: () => Date): void {
  const snapshot = perScrape(() => {
    const when = now();
    return {
      byType: countsOrNone(() => queue.statsByType(when)).map((row): [string, ByType] => [row.type, row]),
      byDepartment: countsOrNone(() => queue.departmentStats(when)).map((row): [string, ByDepartment] => [row.department, row]),
    };
  });
  const byType = (name: string, help: string, pick: (row: ByType) => number) =>
    labelledGauge(registry, { name, help, label: 'type' }, () => snapshot().byType, pick);
  const byDepartment = (name: string, help: string, pick: (row: ByDepartment) => number) =>
    labelledGauge(registry, { name, help, label: 'department' }, () => snapshot().byDepartment, pick);
  byType('ouvidoria_cases_open', 'Open cases, per manifestation type', (r) => r.open);
  byType('ouvidoria_cases_overdue', 'Open cases past their deadline, per manifestation type', (r) => r.overdue);
  byType(
    'ouvidoria_cases_due_soon',
    'Open cases not overdue whose deadline ends within 2 business days, per type',
    (r) => r.dueWithin2BusinessDays,
  );
  byDepartment('ouvidoria_forwardings_pending', 'Forwardings a department has not replied to, on cases not closed', (r) => r.pending);
  byDepartment('ouvidoria_forwardings_overdue', 'Pending forwardings past their own due date, per department', (r) => r.overdue);
  byDepartment(
    'ouvidoria_forwardings_due_soon',
    'Pending forwardings due within 2 business days, per department',
    (r) => r.dueWithin2BusinessDays,
  );
}

/** The rows, or none while the read model cannot answer (catching up after start: a 503 to queries). */
function countsOrNone<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    if ((error as { problem?: { code?: string } }).problem?.code === 'READ_MODEL_BEHIND') return [];
    throw error;
  }
}

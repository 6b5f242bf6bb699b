import { Gauge, type Registry } from 'prom-client';
import type { WorkQueueReader } from '../work-queue';

type ByType = ReturnType<WorkQueueReader['statsByType']>[number];
type ByDepartment = ReturnType<WorkQueueReader['stats']>['departments'][number];
/** Scrapes come seconds apart; the gauges of one scrape are collected within milliseconds. */
const SNAPSHOT_MS = 500;

/**
 * What an Ouvidoria lead watches, read from the work queue at each scrape: open, overdue and
 * due-within-2-business-days cases per manifestation type, and per department its pending
 * forwardings judged by their own due dates. Nothing is exported while the queue catches up after
 * start (its counts would be a past state).
 */
export function businessGauges(registry: Registry, queue: WorkQueueReader, now: () => Date): void {
  const registers = [registry];
  // One reading of the queue per scrape: the six gauges are collected together and must agree.
  let taken: { at: number; byType: ByType[]; departments: ByDepartment[] } | undefined;
  const snapshot = () => {
    const at = Date.now();
    if (!taken || at - taken.at > SNAPSHOT_MS) {
      const when = now();
      taken = { at, byType: countsOrNone(() => queue.statsByType(when)), departments: countsOrNone(() => queue.stats(when).departments) };
    }
    return taken;
  };
  const byType = (name: string, help: string, pick: (row: ByType) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['type'],
      registers,
      collect() {
        this.reset();
        for (const row of snapshot().byType) this.set({ type: row.type }, pick(row));
      },
    });
  const byDepartment = (name: string, help: string, pick: (row: ByDepartment) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['department'],
      registers,
      collect() {
        this.reset();
        for (const row of snapshot().departments) this.set({ department: row.department }, pick(row));
      },
    });
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

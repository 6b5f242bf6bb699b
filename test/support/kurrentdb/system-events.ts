import { randomUUID } from 'node:crypto';
import type { EventLog, ProposedEvent } from './log';

/**
 * What a real node writes by itself, so that consumers of $all meet system streams and system
 * event types (both start with `$`) and have to skip them: an `$epoch-information` event every time
 * the node starts (a new epoch), and, on the first start, the bookkeeping of the projection
 * subsystem (as with `--run-projections`): its `$ProjectionsInitialized` marker and the creation of
 * the system projections, whose names it stores as plain text.
 */

const event = (type: string, isJson: boolean, data: string): ProposedEvent => ({
  id: randomUUID(),
  type,
  isJson,
  data: Buffer.from(data),
  metadata: new Uint8Array(),
});

export function writeEpoch(log: EventLog, leaderInstanceId: string): void {
  const epochNumber = log.stream('$epoch-information').length;
  log.append('$epoch-information', 'any', [
    event(
      '$epoch-information',
      true,
      JSON.stringify({ epochId: randomUUID(), epochNumber, epochPosition: Number(log.lastPosition() ?? 0n), leaderInstanceId }),
    ),
  ]);
}

export function writeFirstStartEvents(log: EventLog): void {
  log.append('$projections-$all', 'no_stream', [
    event('$ProjectionsInitialized', false, ''),
    ...['$streams', '$stream_by_category', '$by_category', '$by_event_type', '$by_correlation_id'].map((name) =>
      event('$ProjectionCreated', false, name),
    ),
  ]);
}

import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/event-store.port';

/** An event to append in tests and benchmarks: a fresh id, and metadata shaped as the command path writes it. */
export function newEvent(type = 'Something', data: object = {}, occurredAt = new Date().toISOString()): NewEvent {
  const id = randomUUID();
  const metadata = { eventId: id, occurredAt, actor: { sub: 't', role: 'ouvidoria' }, correlationId: id, causationId: id };
  return { id, type, data: data as Record<string, unknown>, metadata };
}

import type { EventStore } from '@app/event-store';
import { Registry } from 'prom-client';
import type { ReadModels } from '../projections/read-models';
import { runtimeGauges } from './runtime-gauges';

/** A store that does not answer, and read models whose lag cannot be read because of it. */
const downStore = {
  ping: () => Promise.reject(new Error('connection refused')),
  writeFailure: () => null,
} as unknown as EventStore;
const readModels = (lag: () => Promise<unknown>) => ({ names: ['work-queue'], lag, hasCaughtUp: () => true }) as unknown as ReadModels;

describe('the runtime gauges', () => {
  it('still answer a scrape when the store does not: event_store_up 0, the samples it cannot read left out', async () => {
    const registry = new Registry();
    runtimeGauges(
      registry,
      downStore,
      readModels(() => Promise.reject(new Error('connection refused'))),
      undefined,
      undefined,
    );

    const text = await registry.metrics();

    expect(text).toMatch(/^ouvidoria_event_store_up 0$/m);
    expect(text).toMatch(/^ouvidoria_projection_caught_up\{projection="work-queue"\} 1$/m);
    expect(text).not.toMatch(/^ouvidoria_projection_lag_events\{/m);
    expect(text).not.toMatch(/^ouvidoria_projection_blocked\{/m);
  });

  it('show a read model stuck on a damaged event, and its lag', async () => {
    const registry = new Registry();
    const up = { ping: () => Promise.resolve(), writeFailure: () => null } as unknown as EventStore;
    runtimeGauges(
      registry,
      up,
      readModels(() => Promise.resolve({ position: 4n, events: 12n, seconds: 3, blockedAt: 5n })),
      undefined,
      undefined,
    );

    const text = await registry.metrics();

    expect(text).toMatch(/^ouvidoria_event_store_up 1$/m);
    expect(text).toMatch(/^ouvidoria_projection_blocked\{projection="work-queue"\} 1$/m);
    expect(text).toMatch(/^ouvidoria_projection_lag_events\{projection="work-queue"\} 12$/m);
  });
});

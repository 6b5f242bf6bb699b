import type { EventStore } from '@app/event-store';
import type { Sealer } from '../audit';
import type { AppConfig } from '../config/app-config';
import type { Shutdown } from '../infrastructure/shutdown';
import type { ReadModels } from '../projections/read-models';
import { ProblemException } from '../problems/problem';
import { HealthController } from './health.controller';

/** The readiness check on fakes of what it asks: the store, the read models, the shutdown. */
function controller(options: { stopping?: boolean; storeDown?: boolean; caughtUp?: boolean; lag?: number } = {}) {
  const store = { ping: () => (options.storeDown ? Promise.reject(new Error('connection refused')) : Promise.resolve()) };
  const readModels = {
    names: ['work-queue'],
    version: () => 1,
    // Counted up to what the caller asks, as the store's count is.
    lag: (_: string, upTo = 100_000) => Promise.resolve({ position: 10n, events: BigInt(Math.min(options.lag ?? 0, upTo)), seconds: 0 }),
    hasCaughtUp: () => options.caughtUp ?? true,
  };
  const config = { operations: { readyMaxLagEvents: 1000 } };
  return new HealthController(
    store as unknown as EventStore,
    readModels as unknown as ReadModels,
    {} as Sealer,
    { isStopping: options.stopping ?? false } as Shutdown,
    config as AppConfig,
  );
}

async function refusal(ready: Promise<unknown>): Promise<ProblemException> {
  try {
    await ready;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected 503, got 200');
}

describe('GET /health/ready', () => {
  it('is ready when the store answers, every read model has caught up and the server is not stopping', async () => {
    expect(await controller().ready()).toEqual({
      status: 'ready',
      projections: { 'work-queue': { version: 1, position: 10, lagEvents: 0, lagSeconds: 0, caughtUp: true } },
    });
  });

  it.each([
    ['the server is stopping', { stopping: true }, /the server is stopping/],
    ['the store does not answer', { storeDown: true }, /the event store does not answer: Error: connection refused/],
    ['a read model catches up after start', { caughtUp: false, lag: 5000 }, /read model work-queue is catching up \(at position 10\)/],
    [
      'a read model is behind its lag budget',
      { lag: 1001 },
      /read model work-queue is more than 1000 events behind \(READY_MAX_LAG_EVENTS\)/,
    ],
  ])('is 503 NOT_READY with Retry-After when %s', async (_, options, reason) => {
    const error = await refusal(controller(options).ready());
    expect(error.problem).toMatchObject({ status: 503, code: 'NOT_READY', reasons: [expect.stringMatching(reason)] });
    expect(error.headers).toEqual({ 'retry-after': '5' });
  });

  it('is ready at exactly its lag budget', async () => {
    expect(await controller({ lag: 1000 }).ready()).toMatchObject({ status: 'ready' });
  });
});

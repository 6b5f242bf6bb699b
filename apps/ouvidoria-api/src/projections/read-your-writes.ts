import { problem, ProblemException } from '../http/problem';
import type { ProjectionRunner } from './projection-runner';

/** How long a query waits for a read model to reach the position a client asked for. */
export const MIN_POSITION_WAIT_MS = 2000;

/**
 * Read-your-writes: a client that just wrote (its answer carried `X-Event-Position`) passes that
 * position as `minPosition`; the query waits until the read model has applied it, or answers 503.
 */
export async function awaitPosition(runner: ProjectionRunner, projection: string, minPosition?: string): Promise<void> {
  if (minPosition === undefined) return;
  if (await runner.waitFor(projection, BigInt(minPosition), MIN_POSITION_WAIT_MS)) return;
  const detail = `the ${projection} read model has not reached position ${minPosition} yet; retry shortly`;
  throw new ProblemException(problem(503, 'READ_MODEL_BEHIND', detail), { 'retry-after': '1' });
}

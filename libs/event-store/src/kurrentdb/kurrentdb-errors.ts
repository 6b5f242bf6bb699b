import { DeadlineExceededError, NotLeaderError, UnavailableError } from '@kurrent/kurrentdb-client';
import { StoreUnavailable } from '../event-store.port';

/** gRPC's UNAVAILABLE: the client passes it on raw when it fails while re-reading the server's features. */
const GRPC_UNAVAILABLE = 14;

/** True when the node did not answer (down, unreachable, too slow, no longer the leader). */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    (error as { code?: unknown }).code === GRPC_UNAVAILABLE
  );
}

/** The error as the port names it: a node that does not answer is `StoreUnavailable`; others pass unchanged. */
export function asStoreError(error: unknown): unknown {
  if (!isUnreachable(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable('unreachable', `KurrentDB did not answer: ${message}`, { cause: error });
}

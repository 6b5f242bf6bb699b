import { CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError } from '@kurrent/kurrentdb-client';
import { StoreUnavailable } from '../event-store.port';

/** gRPC's UNAVAILABLE: the client passes it on raw when it fails while re-reading the server's features. */
const GRPC_UNAVAILABLE = 14;
/** What the client throws, as a plain Error, when no node of a cluster connection string answers its gossip. */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts/;

/** True when the connection itself is gone: the node is down or unreachable, or no node of the cluster answers. */
export function isDisconnected(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    (error as { code?: unknown }).code === GRPC_UNAVAILABLE ||
    (error instanceof Error && DISCOVERY_FAILED.test(error.message))
  );
}

/**
 * True when the store did not serve the call, whatever the reason: disconnected, too slow, no
 * longer the leader, a commit that timed out (quorum lost), a call cancelled under it.
 */
export function isUnreachable(error: unknown): boolean {
  return (
    isDisconnected(error) ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError
  );
}

/** The error as the port names it: a node that does not answer is `StoreUnavailable`; others pass unchanged. */
export function asStoreError(error: unknown): unknown {
  if (!isUnreachable(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailable('unreachable', `KurrentDB did not answer: ${message}`, { cause: error });
}

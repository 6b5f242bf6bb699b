import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/**
 * gRPC statuses as KurrentDB's RpcExceptions build them: the client turns the `exception` trailer
 * into its typed errors (see convertToCommandError in the client) and the bare codes into
 * UnavailableError, UnknownError and so on.
 */

export type RpcError = Pick<ServiceError, 'code' | 'details' | 'metadata'>;

function rpcError(code: status, details: string, trailers: Record<string, string> = {}): RpcError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}

export const invalidArgument = (details: string) => rpcError(status.INVALID_ARGUMENT, details);

export const requiredMetadataMissing = (property: string) =>
  rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

/** What open streams get when the node goes away; the client reconnects on UNAVAILABLE. */
export const shuttingDown = () => rpcError(status.UNAVAILABLE, 'Server is shutting down.');

/** A request the server refuses with a specific status rather than a plain INVALID_ARGUMENT. */
export class RequestError extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.details);
  }
}

/** Whatever goes wrong while interpreting a request is the request's fault. */
export const toRpcError = (error: unknown): RpcError =>
  error instanceof RequestError ? error.rpc : invalidArgument(error instanceof Error ? error.message : String(error));

/** A delete whose expected revision does not hold, as a node's RpcExceptions.WrongExpectedVersion reports it. */
export const wrongExpectedVersion = (streamName: string, expected: bigint, actual: bigint | undefined) =>
  rpcError(status.FAILED_PRECONDITION, `Wrong expected version. Expected: ${expected}. Actual: ${actual ?? -1}.`, {
    exception: 'wrong-expected-version',
    'stream-name': streamName,
    'expected-version': expected.toString(),
    ...(actual === undefined ? {} : { 'actual-version': actual.toString() }),
  });

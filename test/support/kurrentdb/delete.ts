import type { handleUnaryCall } from '@grpc/grpc-js';
import { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { DeleteReq, DeleteResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { expectedRevisionOf } from './append';
import { toRpcError, wrongExpectedVersion } from './errors';
import type { EventLog, ExpectedRevision } from './log';
import { streamName } from './protocol';

/** The wire's expected revision as a number: any -2, no_stream -1, stream_exists -4. */
const asNumber = (expected: ExpectedRevision): bigint =>
  expected === 'any' ? -2n : expected === 'no_stream' ? -1n : expected === 'stream_exists' ? -4n : expected;

/** Streams.Delete: a soft delete (see `EventLog.softDelete`); tombstones are not implemented. */
export function deleteStream(log: EventLog): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) => {
    try {
      const options = call.request.getOptions();
      if (!options) throw new Error('a delete needs options');
      const name = streamName(options.getStreamIdentifier());
      const expected = expectedRevisionOf(options);
      const result = log.softDelete(name, expected);
      if (result.outcome === 'wrong_expected_version') return callback(wrongExpectedVersion(name, asNumber(expected), result.current));
      const response = new DeleteResp();
      if (result.position === undefined) response.setNoPosition(new Empty());
      else
        response.setPosition(
          new DeleteResp.Position().setCommitPosition(result.position.toString()).setPreparePosition(result.position.toString()),
        );
      callback(null, response);
    } catch (error) {
      callback(toRpcError(error));
    }
  };
}

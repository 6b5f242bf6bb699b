import type { handleClientStreamingCall } from '@grpc/grpc-js';
import { Empty } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { AppendReq, AppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { invalidArgument, RequestError, requiredMetadataMissing, toRpcError, type RpcError } from './errors';
import type { AppendResult, EventLog, ExpectedRevision, ProposedEvent } from './log';
import { streamName, uuidString } from './protocol';

/**
 * Streams.Append: one write per call, the options first and then the proposed messages, answered
 * when the client ends its side. The Node client uses it for appends with per-call credentials
 * (BatchAppend otherwise, see batch-append.ts).
 */

type ProposedMessage = Pick<AppendReq.ProposedMessage, 'getId' | 'getMetadataMap' | 'getData_asU8' | 'getCustomMetadata_asU8'>;

/** Shared with BatchAppend, whose proposed messages have the same shape. */
export function proposedEvent(message: ProposedMessage): ProposedEvent {
  const id = uuidString(message.getId());
  if (!id) throw new Error('a proposed message needs an id');
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (type === undefined) throw new RequestError(requiredMetadataMissing('type'));
  if (contentType === undefined) throw new RequestError(requiredMetadataMissing('content-type'));
  return { id, type, isJson: contentType === 'application/json', data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
}

/** The expected revision of an append's or a delete's options (their oneof cases are numbered alike). */
export function expectedRevisionOf(options: Pick<AppendReq.Options, 'getExpectedStreamRevisionCase' | 'getRevision'>): ExpectedRevision {
  const { ExpectedStreamRevisionCase: Case } = AppendReq.Options;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return BigInt(options.getRevision());
    case Case.NO_STREAM:
      return 'no_stream';
    case Case.STREAM_EXISTS:
      return 'stream_exists';
    case Case.ANY:
      return 'any';
    default:
      throw new Error('a write needs an expected stream revision');
  }
}

export function append(log: EventLog): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failure: RpcError | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure) return;
      try {
        if (options) proposed.push(proposedEvent(request.getProposedMessage() ?? fail('only proposed messages may follow the options')));
        else options = request.getOptions() ?? fail('the first message of an append must carry its options');
      } catch (error) {
        failure = toRpcError(error);
      }
    });
    call.on('end', () => {
      if (failure || !options) return callback(failure ?? invalidArgument('an append needs its options'));
      try {
        const expected = expectedRevisionOf(options);
        callback(null, appendResponse(log.append(streamName(options.getStreamIdentifier()), expected, proposed), expected));
      } catch (error) {
        callback(toRpcError(error));
      }
    });
  };
}

function appendResponse(result: AppendResult, expected: ExpectedRevision): AppendResp {
  if (result.outcome === 'written') {
    const success = new AppendResp.Success();
    if (result.revision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(result.revision.toString());
    if (result.position === undefined) success.setNoPosition(new Empty());
    else
      success.setPosition(
        new AppendResp.Position().setCommitPosition(result.position.toString()).setPreparePosition(result.position.toString()),
      );
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (result.current === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(result.current.toString());
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.toString());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function fail(message: string): never {
  throw new Error(message);
}

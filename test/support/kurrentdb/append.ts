import type { handleBidiStreamingCall, handleClientStreamingCall } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as WellKnownEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { AllStreamPosition, BadRequest, Empty, WrongExpectedVersion } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { invalidArgument, RequestError, requiredMetadataMissing, toRpcError, type RpcError } from './errors';
import type { AppendResult, EventLog, ExpectedRevision, ProposedEvent } from './log';
import { streamIdentifier, streamName, uuidString } from './protocol';

/**
 * Streams.Append (one write per call: options first, then the proposed messages) and
 * Streams.BatchAppend (one long-lived call multiplexing writes by correlation id, each answered
 * when its `is_final` chunk arrives). The Node client uses BatchAppend whenever the server
 * advertises it and the call carries no per-call credentials, Append otherwise.
 */

type ProposedMessage = Pick<AppendReq.ProposedMessage, 'getId' | 'getMetadataMap' | 'getData_asU8' | 'getCustomMetadata_asU8'>;

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const id = uuidString(message.getId());
  if (!id) throw new Error('a proposed message needs an id');
  const type = message.getMetadataMap().get('type');
  const contentType = message.getMetadataMap().get('content-type');
  if (type === undefined) throw new RequestError(requiredMetadataMissing('type'));
  if (contentType === undefined) throw new RequestError(requiredMetadataMissing('content-type'));
  return { id, type, isJson: contentType === 'application/json', data: message.getData_asU8(), metadata: message.getCustomMetadata_asU8() };
}

function appendExpectation(options: AppendReq.Options): ExpectedRevision {
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
      throw new Error('an append needs an expected stream revision');
  }
}

function batchExpectation(options: BatchAppendReq.Options): ExpectedRevision {
  const { ExpectedStreamPositionCase: Case } = BatchAppendReq.Options;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return BigInt(options.getStreamPosition());
    case Case.NO_STREAM:
      return 'no_stream';
    case Case.STREAM_EXISTS:
      return 'stream_exists';
    case Case.ANY:
      return 'any';
    default:
      throw new Error('an append needs an expected stream position');
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
        const expected = appendExpectation(options);
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
    else success.setPosition(new AppendResp.Position().setCommitPosition(result.position.toString()).setPreparePosition(result.position.toString()));
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

interface PendingWrite {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
}

export function batchAppend(log: EventLog): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const pending = new Map<string, PendingWrite>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = uuidString(request.getCorrelationId()) ?? '';
      const respond = (streamId: string) => new BatchAppendResp().setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamId));
      const options = request.getOptions();
      try {
        if (options && !pending.has(correlationId))
          pending.set(correlationId, { streamId: streamName(options.getStreamIdentifier()), expected: batchExpectation(options), events: [] });
        const write = pending.get(correlationId);
        if (!write) return;
        write.events.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(correlationId);
        call.write(batchResponse(respond(write.streamId), log.append(write.streamId, write.expected, write.events), write.expected));
      } catch (error) {
        pending.delete(correlationId);
        const badRequest = new Any();
        badRequest.pack(new BadRequest().setMessage(error instanceof Error ? error.message : String(error)).serializeBinary(), 'event_store.client.BadRequest');
        call.write(respond(streamName(options?.getStreamIdentifier())).setError(new Status().setCode(Code.INVALID_ARGUMENT).setMessage('BadRequest').setDetails(badRequest)));
      }
    });
    call.on('end', () => call.end());
  };
}

/** A wrong expected version travels as a google.rpc.Status whose details pack event_store.client.WrongExpectedVersion. */
function batchResponse(response: BatchAppendResp, result: AppendResult, expected: ExpectedRevision): BatchAppendResp {
  if (result.outcome === 'written') {
    const success = new BatchAppendResp.Success();
    if (result.revision === undefined) success.setNoStream(new WellKnownEmpty());
    else success.setCurrentRevision(result.revision.toString());
    if (result.position === undefined) success.setNoPosition(new WellKnownEmpty());
    else success.setPosition(new AllStreamPosition().setCommitPosition(result.position.toString()).setPreparePosition(result.position.toString()));
    return response.setSuccess(success);
  }
  const wrong = new WrongExpectedVersion();
  if (result.current === undefined) wrong.setCurrentNoStream(new WellKnownEmpty());
  else wrong.setCurrentStreamRevision(result.current.toString());
  if (expected === 'any') wrong.setExpectedAny(new WellKnownEmpty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new WellKnownEmpty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new WellKnownEmpty());
  else wrong.setExpectedStreamPosition(expected.toString());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return response.setError(new Status().setCode(Code.ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(details));
}

function fail(message: string): never {
  throw new Error(message);
}

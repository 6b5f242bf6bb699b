import type { handleBidiStreamingCall } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/code_pb';
import { AllStreamPosition, BadRequest, WrongExpectedVersion } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { Status } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { proposedEvent } from './append';
import type { AppendResult, EventLog, ExpectedRevision, ProposedEvent } from './log';
import { streamIdentifier, streamName, uuidString } from './protocol';

/**
 * Streams.BatchAppend: one long-lived call multiplexing writes by correlation id, each answered
 * when its `is_final` chunk arrives. The Node client uses it whenever the server advertises it and
 * the append carries no per-call credentials (otherwise Streams.Append); it keeps the call open
 * for the life of its channel.
 */

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
      const options = request.getOptions();
      const streamId = pending.get(correlationId)?.streamId ?? streamName(options?.getStreamIdentifier());
      const response = new BatchAppendResp().setCorrelationId(request.getCorrelationId()).setStreamIdentifier(streamIdentifier(streamId));
      try {
        if (options && !pending.has(correlationId))
          pending.set(correlationId, { streamId, expected: batchExpectation(options), events: [] });
        const write = pending.get(correlationId);
        if (!write) return;
        write.events.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(correlationId);
        call.write(batchResponse(response, log.append(streamId, write.expected, write.events), write.expected));
      } catch (error) {
        pending.delete(correlationId);
        call.write(response.setError(badRequest(error)));
      }
    });
    call.on('end', () => call.end());
  };
}

/** A wrong expected version travels as a google.rpc.Status whose details pack event_store.client.WrongExpectedVersion. */
function batchResponse(response: BatchAppendResp, result: AppendResult, expected: ExpectedRevision): BatchAppendResp {
  if (result.outcome === 'written') {
    const success = new BatchAppendResp.Success();
    if (result.revision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(result.revision.toString());
    if (result.position === undefined) success.setNoPosition(new Empty());
    else
      success.setPosition(
        new AllStreamPosition().setCommitPosition(result.position.toString()).setPreparePosition(result.position.toString()),
      );
    return response.setSuccess(success);
  }
  const wrong = new WrongExpectedVersion();
  if (result.current === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentStreamRevision(result.current.toString());
  if (expected === 'any') wrong.setExpectedAny(new Empty());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedStreamPosition(expected.toString());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return response.setError(new Status().setCode(Code.ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(details));
}

/** How KurrentDB answers a write it cannot interpret (Status.BadRequest); the client reports an UnknownError. */
function badRequest(error: unknown): Status {
  const message = error instanceof Error ? error.message : String(error);
  const details = new Any();
  details.pack(new BadRequest().setMessage(message).serializeBinary(), 'event_store.client.BadRequest');
  return new Status().setCode(Code.INVALID_ARGUMENT).setMessage(message).setDetails(details);
}

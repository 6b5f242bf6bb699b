import { ReadReq, ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { RecordedEvent } from './log';
import { streamIdentifier, timestampNow, uuidMessage } from './protocol';

/** The messages of a Streams.Read response stream, shared by reads and subscriptions. */

export const wantsStructuredIds = (options: ReadReq.Options) => options.getUuidOption()?.hasStructured() ?? false;

/** An event with its $all position in both places a real node puts it (the record and the read event). */
export function eventResponse(event: RecordedEvent, structuredIds: boolean): ReadResp {
  const record = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  record
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.isJson ? 'application/json' : 'application/octet-stream');
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(record).setCommitPosition(event.position.toString()));
}

export function streamNotFound(streamId: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)));
}

export const lastStreamPosition = (revision: bigint) => new ReadResp().setLastStreamPosition(revision.toString());

export const confirmation = (subscriptionId: string) =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export function checkpoint(position: bigint): ReadResp {
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()).setTimestamp(timestampNow()),
  );
}

/** Where the subscription stood when it caught up: a stream revision or a $all position, if any yet. */
export function caughtUp(at: { revision?: bigint; position?: bigint }): ReadResp {
  const message = new ReadResp.CaughtUp().setTimestamp(timestampNow());
  if (at.revision !== undefined) message.setStreamRevision(at.revision.toString());
  if (at.position !== undefined)
    message.setPosition(new ReadResp.Position().setCommitPosition(at.position.toString()).setPreparePosition(at.position.toString()));
  return new ReadResp().setCaughtUp(message);
}

import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, type ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { allFilter } from './filter';
import type { EventLog, RecordedEvent } from './log';
import { streamName } from './protocol';
import { eventResponse, lastStreamPosition, streamNotFound, wantsStructuredIds } from './responses';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

const { ReadDirection } = ReadReq.Options;
const { RevisionOptionCase } = ReadReq.Options.StreamOptions;
const { AllOptionCase } = ReadReq.Options.AllOptions;

/**
 * A finite Streams.Read (count, not subscription), answered from the log as it is now. Stream reads
 * are inclusive of the revision they start from (forwards and backwards); $all reads forwards are
 * inclusive of the position and backwards exclusive of it, as the storage reader pages.
 */
export function read(log: EventLog, call: ReadCall, options: ReadReq.Options): void {
  const limit = BigInt(options.getCount());
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const structuredIds = wantsStructuredIds(options);
  let sent = 0n;
  const send = (events: Iterable<RecordedEvent>) => {
    for (const event of events) {
      if (sent >= limit) return;
      call.write(eventResponse(event, structuredIds));
      sent++;
    }
  };

  const stream = options.getStream();
  if (stream) {
    if (options.hasFilter()) throw new Error('a read of a stream cannot be filtered');
    const name = streamName(stream.getStreamIdentifier());
    const events = log.readable(name);
    if (events.length === 0) {
      call.write(streamNotFound(name));
      return void call.end();
    }
    send(backwards ? backwardsFrom(events, stream) : forwardsFrom(events, stream));
    // Clients that announce compatibility 1 (the Rust core behind the Node client's reads) get the stream's end.
    if ((options.getControlOption()?.getCompatibility() ?? 0) >= 1) call.write(lastStreamPosition(events[events.length - 1].revision));
    return void call.end();
  }

  const all = options.getAll();
  if (!all) throw new Error('a read needs a stream or $all');
  const filter = allFilter(options);
  const selected = backwards ? backwardsFromPosition(log, all) : log.events.slice(startIndex(log, all));
  send(filter ? selected.filter(filter.matches) : selected);
  call.end();
}

function forwardsFrom(events: readonly RecordedEvent[], stream: ReadReq.Options.StreamOptions): readonly RecordedEvent[] {
  switch (stream.getRevisionOptionCase()) {
    case RevisionOptionCase.START:
      return events;
    case RevisionOptionCase.REVISION:
      return events.filter((event) => event.revision >= BigInt(stream.getRevision()));
    default:
      return [];
  }
}

function backwardsFrom(events: readonly RecordedEvent[], stream: ReadReq.Options.StreamOptions): readonly RecordedEvent[] {
  switch (stream.getRevisionOptionCase()) {
    case RevisionOptionCase.END:
      return [...events].reverse();
    case RevisionOptionCase.REVISION:
      return events.filter((event) => event.revision <= BigInt(stream.getRevision())).reverse();
    default:
      return [];
  }
}

function startIndex(log: EventLog, all: ReadReq.Options.AllOptions): number {
  switch (all.getAllOptionCase()) {
    case AllOptionCase.START:
      return 0;
    case AllOptionCase.POSITION:
      return log.indexAtOrAfter(BigInt(all.getPosition()!.getCommitPosition()));
    default:
      return log.events.length;
  }
}

function backwardsFromPosition(log: EventLog, all: ReadReq.Options.AllOptions): RecordedEvent[] {
  switch (all.getAllOptionCase()) {
    case AllOptionCase.END:
      return [...log.events].reverse();
    case AllOptionCase.POSITION:
      return log.events.slice(0, log.indexAtOrAfter(BigInt(all.getPosition()!.getCommitPosition()))).reverse();
    default:
      return [];
  }
}

import { randomUUID } from 'node:crypto';
import { ReadReq, type ReadResp } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import { allFilter } from './filter';
import type { EventLog, RecordedEvent } from './log';
import { streamName } from './protocol';
import type { ReadCall } from './read';
import { caughtUp, checkpoint, confirmation, eventResponse, wantsStructuredIds } from './responses';

const { ReadDirection } = ReadReq.Options;
const { RevisionOptionCase } = ReadReq.Options.StreamOptions;
const { AllOptionCase } = ReadReq.Options.AllOptions;

interface Follower {
  /** Everything already in the log after the starting point, then `caught_up`. */
  catchUp(): void;
  /** One write, as the log announces it. */
  live(events: readonly RecordedEvent[]): void;
}

type Send = (response: ReadResp) => void;

/**
 * A catch-up subscription (Streams.Read with `subscription`): confirmation, the catch-up, `caught_up`,
 * then live events until the client cancels or the server stops. Starting points are exclusive
 * (the event at the given revision or position is not sent again). Catch-up and the switch to live
 * happen in one turn of the event loop, so no write can fall between them.
 */
export function subscribe(log: EventLog, call: ReadCall, options: ReadReq.Options): void {
  if (options.getReadDirection() === ReadDirection.BACKWARDS) throw new Error('subscriptions only go forwards');
  const send: Send = (response) => void call.write(response);
  const structuredIds = wantsStructuredIds(options);
  const follower = options.hasStream() ? streamFollower(log, options, send, structuredIds) : allFollower(log, options, send, structuredIds);
  send(confirmation(randomUUID()));
  follower.catchUp();
  const unsubscribe = log.onAppended((events) => follower.live(events));
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
}

function streamFollower(log: EventLog, options: ReadReq.Options, send: Send, structuredIds: boolean): Follower {
  const stream = options.getStream()!;
  const name = streamName(stream.getStreamIdentifier());
  let last = startRevision(log, name, stream);
  const consider = (event: RecordedEvent) => {
    if (event.streamId !== name || (last !== undefined && event.revision <= last)) return;
    send(eventResponse(event, structuredIds));
    last = event.revision;
  };
  return {
    catchUp() {
      log.stream(name).forEach(consider);
      send(caughtUp({ revision: last }));
    },
    live: (events) => events.forEach(consider),
  };
}

function startRevision(log: EventLog, name: string, stream: ReadReq.Options.StreamOptions): bigint | undefined {
  switch (stream.getRevisionOptionCase()) {
    case RevisionOptionCase.REVISION:
      return BigInt(stream.getRevision());
    case RevisionOptionCase.END:
      return log.lastRevision(name);
    default:
      return undefined;
  }
}

/**
 * With a filter, a checkpoint follows every window × multiplier events considered, matching or not,
 * both during catch-up and live, and one more ends a catch-up (Enumerator.AllSubscriptionFiltered):
 * a consumer can store its place in $all even when nothing it wants is written. The window is the
 * page size of the real catch-up, whose checkpoints therefore come per page, here per event.
 */
function allFollower(log: EventLog, options: ReadReq.Options, send: Send, structuredIds: boolean): Follower {
  const all = options.getAll();
  if (!all) throw new Error('a subscription needs a stream or $all');
  const filter = allFilter(options);
  if (filter && !(filter.checkpointInterval > 0)) throw new Error('the checkpoint interval multiplier must be positive');
  let position = startPosition(log, all);
  let lastCheckpoint: bigint | undefined;
  let considered = 0;
  const sendCheckpoint = (at: bigint) => {
    if (lastCheckpoint !== undefined && at <= lastCheckpoint) return;
    send(checkpoint(at));
    lastCheckpoint = at;
  };
  const consider = (event: RecordedEvent) => {
    if (position !== undefined && event.position <= position) return;
    if (!filter || filter.matches(event)) send(eventResponse(event, structuredIds));
    position = event.position;
    if (filter && ++considered >= filter.checkpointInterval) {
      considered = 0;
      sendCheckpoint(event.position);
    }
  };
  return {
    catchUp() {
      const behind = log.events.slice(position === undefined ? 0 : log.indexAtOrAfter(position + 1n));
      behind.forEach(consider);
      // A catch-up ends with a checkpoint; a subscription starting at the end goes live without one.
      if (filter && behind.length > 0 && position !== undefined) sendCheckpoint(position);
      // The live part counts afresh, as KurrentDB's live subscription does.
      considered = 0;
      send(caughtUp({ position }));
    },
    live: (events) => events.forEach(consider),
  };
}

function startPosition(log: EventLog, all: ReadReq.Options.AllOptions): bigint | undefined {
  switch (all.getAllOptionCase()) {
    case AllOptionCase.POSITION:
      return BigInt(all.getPosition()!.getCommitPosition());
    case AllOptionCase.END:
      return log.lastPosition();
    default:
      return undefined;
  }
}

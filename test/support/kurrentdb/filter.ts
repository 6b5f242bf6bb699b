import type { ReadReq } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type { RecordedEvent } from './log';

/** The server-side filter of a read or subscription on $all (ReadReq.Options.FilterOptions). */
export interface AllFilter {
  readonly matches: (event: RecordedEvent) => boolean;
  /** Events a filtered subscription considers, matching or not, between two checkpoints: window × multiplier. */
  readonly checkpointInterval: number;
}

/** KurrentDB's page size (Enumerator.DefaultReadBatchSize), the search window when the client asks for `count`. */
const DEFAULT_WINDOW = 32;

/**
 * Streams that a filtered read of $all never returns, whatever the filter says (EventFilter.DefaultAllFilter):
 * epochs and the checkpoints and parked messages of persistent subscriptions to $all.
 */
const hiddenFromFilteredReads = (streamId: string) =>
  streamId === '$epoch-information' ||
  (streamId.startsWith('$persistentsubscription-$all::') && (streamId.endsWith('-checkpoint') || streamId.endsWith('-parked')));

/** Undefined when the request says `no_filter`. Regexes are JavaScript's, unanchored, like .NET's `Regex.Match`. */
export function allFilter(options: ReadReq.Options): AllFilter | undefined {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) throw new Error('a filter needs a stream identifier or an event type expression');
  const field = (event: RecordedEvent) => (onStream ? event.streamId : event.type);
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex());
  const prefixes = expression.getPrefixList();
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  return {
    matches: (event) =>
      !hiddenFromFilteredReads(event.streamId) &&
      (regex ? regex.test(field(event)) : prefixes.some((prefix) => field(event).startsWith(prefix))),
    checkpointInterval: window * filter.getCheckpointintervalmultiplier(),
  };
}

import { randomUUID } from 'node:crypto';
import { ticksNow } from './protocol';

/** An event as stored: a record of the global log ($all) and of its stream. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  /** Commit and prepare position at once: every event here is its own implicit transaction. */
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  /** KurrentDB keeps only this flag; any other content type comes back as application/octet-stream. */
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  /** .NET ticks since the Unix epoch. */
  readonly created: bigint;
}

export type ProposedEvent = Pick<RecordedEvent, 'id' | 'type' | 'isJson' | 'data' | 'metadata'>;

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * `written` covers real writes, idempotent repeats (nothing new stored, the original revision and
 * position returned) and empty writes (no position). `current` is undefined when the stream does not exist.
 */
export type AppendResult =
  | { readonly outcome: 'written'; readonly revision?: bigint; readonly position?: bigint }
  | { readonly outcome: 'wrong_expected_version'; readonly current?: bigint };

export type AppendListener = (events: readonly RecordedEvent[]) => void;

/**
 * Positions are byte offsets in a transaction log, as on a real node: strictly increasing but with
 * gaps, so that nobody mistakes them for sequence numbers. The log starts after an epoch record
 * that is not an event.
 */
const RECORD_OVERHEAD = 128n;
const FIRST_POSITION = RECORD_OVERHEAD;

const byteLength = (text: string) => BigInt(Buffer.byteLength(text, 'utf8'));

export class EventLog {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** Last event written with each id, for the idempotency checks of `any` and `stream_exists`. */
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly listeners = new Set<AppendListener>();
  /** Soft deletes: a stream's events before this revision are not read any more (`$tb`). */
  private readonly truncatedBefore = new Map<string, bigint>();
  private nextPosition = FIRST_POSITION;

  get events(): readonly RecordedEvent[] {
    return this.all;
  }

  stream(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /** The events a read of the stream returns: none before its truncate-before (a soft delete). */
  readable(streamId: string): readonly RecordedEvent[] {
    const before = this.truncatedBefore.get(streamId);
    const events = this.stream(streamId);
    return before === undefined ? events : events.filter((event) => event.revision >= before);
  }

  /**
   * A soft delete (Streams.Delete): the stream's truncate-before is set past its last event, in a
   * `$metadata` event of `$$<stream>` as a node writes it; reads of the stream find nothing until
   * it is written to again, which continues from its last revision. The events stay in `$all` (a
   * node removes them from its files at the next scavenge, which this server does not have).
   */
  softDelete(streamId: string, expected: ExpectedRevision): AppendResult {
    const current = this.lastRevision(streamId);
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      expected === current;
    if (!matches) return { outcome: 'wrong_expected_version', current };
    if (current === undefined) return { outcome: 'written' };
    this.truncatedBefore.set(streamId, current + 1n);
    const metadata = `$$${streamId}`;
    const data = new TextEncoder().encode(JSON.stringify({ $tb: Number(current + 1n) }));
    const written = this.write(metadata, this.lastRevision(metadata), [
      { id: randomUUID(), type: '$metadata', isJson: true, data, metadata: new Uint8Array() },
    ]);
    return { outcome: 'written', position: written.outcome === 'written' ? written.position : undefined };
  }

  lastRevision(streamId: string): bigint | undefined {
    return this.streams.get(streamId)?.at(-1)?.revision;
  }

  lastPosition(): bigint | undefined {
    return this.all.at(-1)?.position;
  }

  /** Index in `events` of the first event at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.all[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Called synchronously after every write that stored events, with the events of that write. */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * KurrentDB's optimistic concurrency and idempotent writes (IndexWriter.CheckCommit):
   * - `any` / `stream_exists`: if the first id was already written to this stream, the whole batch
   *   must have been (then it is a no-op answering the original revision), otherwise it is a
   *   wrong expected version; a first id never seen means a normal write.
   * - `no_stream` (-1) or revision E: E equal to the current revision writes; E behind it is
   *   idempotent only if the events right after E carry exactly these ids; E ahead of it fails.
   */
  append(streamId: string, expected: ExpectedRevision, proposed: readonly ProposedEvent[]): AppendResult {
    const current = this.lastRevision(streamId);
    if (expected === 'stream_exists' && current === undefined) return { outcome: 'wrong_expected_version' };

    if (expected === 'any' || expected === 'stream_exists') {
      if (proposed.length === 0) return { outcome: 'written', revision: current };
      const known = proposed.map((event) => this.byId.get(event.id)).map((event) => (event?.streamId === streamId ? event : undefined));
      if (known[0] === undefined) return this.write(streamId, current, proposed);
      const last = known.at(-1);
      if (known.some((event) => event === undefined) || last === undefined) return { outcome: 'wrong_expected_version', current };
      return { outcome: 'written', revision: last.revision, position: last.position };
    }

    const expectedRevision = expected === 'no_stream' ? -1n : expected;
    const currentRevision = current ?? -1n;
    if (expectedRevision === currentRevision) return this.write(streamId, current, proposed);
    if (expectedRevision > currentRevision || proposed.length === 0) return { outcome: 'wrong_expected_version', current };
    const stored = this.stream(streamId);
    const repeated = proposed.map((event, i) => {
      const existing = stored[Number(expectedRevision) + 1 + i];
      return existing?.id === event.id ? existing : undefined;
    });
    const last = repeated.at(-1);
    if (repeated.some((event) => event === undefined) || last === undefined) return { outcome: 'wrong_expected_version', current };
    return { outcome: 'written', revision: last.revision, position: last.position };
  }

  private write(streamId: string, current: bigint | undefined, proposed: readonly ProposedEvent[]): AppendResult {
    if (proposed.length === 0) return { outcome: 'written', revision: current };
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    const created = ticksNow();
    const written = proposed.map((event, i): RecordedEvent => {
      const recorded = { ...event, streamId, revision: (current ?? -1n) + 1n + BigInt(i), position: this.nextPosition, created };
      this.nextPosition +=
        RECORD_OVERHEAD + byteLength(streamId) + byteLength(event.type) + BigInt(event.data.length + event.metadata.length);
      return recorded;
    });
    for (const event of written) {
      stream.push(event);
      this.all.push(event);
      this.byId.set(event.id, event);
    }
    for (const listener of [...this.listeners]) listener(written);
    const last = written[written.length - 1];
    return { outcome: 'written', revision: last.revision, position: last.position };
  }
}

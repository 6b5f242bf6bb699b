import { StreamDailySequence, type EventStore, type KurrentDbEventStore, type RecordedEvent } from '@app/event-store';

export interface CopyProgress {
  /** Events of the source walked so far. */
  read: number;
  /** Of those, copied now (the others were there from an earlier run). */
  copied: number;
}

/** A day's protocol counter of the source: its last number handed out. */
export interface ProtocolCounter {
  day: string;
  last: number;
}

const PAGE = 500;

/**
 * Copies a log into KurrentDB in the source's order, every event as it was recorded. Resumable: a
 * stream's events the target already holds (up to its head, read once per stream) are skipped, and
 * a repeated write is a no-op there.
 */
export async function copyStore(
  source: EventStore,
  target: KurrentDbEventStore,
  counters: ProtocolCounter[],
  onProgress: (progress: CopyProgress) => void = () => undefined,
): Promise<CopyProgress> {
  const progress = await copyEvents(source, target, onProgress);
  // The embedded store keeps its counters beside the log, not in it: without them the target would
  // hand today's numbers out again.
  const sequence = new StreamDailySequence(target);
  for (const { day, last } of counters) await sequence.raiseTo(day, last);
  return progress;
}

async function copyEvents(
  source: EventStore,
  target: KurrentDbEventStore,
  onProgress: (progress: CopyProgress) => void,
): Promise<CopyProgress> {
  const heads = new Map<string, bigint>();
  const progress: CopyProgress = { read: 0, copied: 0 };
  const headOf = async (streamId: string) => {
    if (!heads.has(streamId)) {
      const [last] = await target.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      heads.set(streamId, last ? last.revision : -1n);
    }
    return heads.get(streamId)!;
  };
  for (let after = 0n; ;) {
    const page = await source.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return progress;
    // Consecutive events of one stream go in one append; the global order is kept.
    let run: RecordedEvent[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      await target.copyIn(run[0].streamId, run);
      heads.set(run[0].streamId, run[run.length - 1].revision);
      progress.copied += run.length;
      run = [];
    };
    for (const event of page) {
      progress.read++;
      if (event.revision <= (await headOf(event.streamId))) continue;
      if (run.length > 0 && run[0].streamId !== event.streamId) await flush();
      run.push(event);
    }
    await flush();
    onProgress({ ...progress });
    after = page[page.length - 1].position;
  }
}

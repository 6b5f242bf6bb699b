import type { Manifestation } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { foldManifestation, manifestationStreamId } from './manifestation-stream';

export interface CaseSnapshot {
  manifestation: Manifestation;
  /** Revision of the last event folded: the case's ETag. */
  revision: bigint;
  /** Global position of that event: read models that reached it show this case. */
  position: bigint;
}

/** Reads a case by folding its stream; every query and replay goes through here. */
@Injectable()
export class CaseReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The case as it stands, or as it stood at a revision or at an instant (events recorded up to
   * it); null when there is no such case (yet).
   */
  async load(protocol: string, upTo: { revision?: bigint; asOf?: Date } = {}): Promise<CaseSnapshot | null> {
    const events = await this.store.readStream(manifestationStreamId(protocol));
    const { revision, asOf } = upTo;
    const kept = events.filter(
      (event) =>
        (revision === undefined || event.revision <= revision) &&
        (asOf === undefined || Date.parse(event.recordedAt) <= asOf.getTime()),
    );
    const manifestation = foldManifestation(kept);
    const last = kept[kept.length - 1];
    return manifestation ? { manifestation, revision: last.revision, position: last.position } : null;
  }
}

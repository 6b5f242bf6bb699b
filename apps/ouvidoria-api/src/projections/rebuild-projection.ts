import type { EventStore } from '@app/event-store';
import type { Projection } from './projection';
import { BATCH } from './projection-runner';
import { ReadModel } from './read-model';
import type { ReadModelDirectory } from './read-model-storage';

export interface RebuildResult {
  name: string;
  version: number;
  /** Position the new version had reached when it went live. */
  position: bigint;
  events: number;
}

/**
 * Builds the next version of a projection's read model from the whole log, beside the live one,
 * and makes it live once it has caught up with the log. A running server keeps serving the old
 * version meanwhile, switches between two batches, and applies whatever was appended after.
 */
export async function rebuildProjection(
  store: EventStore,
  storage: ReadModelDirectory,
  projection: Projection,
  onProgress: (position: bigint, events: number) => void = () => {},
): Promise<RebuildResult> {
  const { name } = projection;
  return storage.withRebuildLock(name, async () => {
    const version = storage.activeVersion(name) + 1;
    storage.remove(name, version); // what an interrupted rebuild left
    const model = ReadModel.open(storage, projection, version);
    let events = 0;
    try {
      for (let applied; (applied = await model.applyNext(store, BATCH)) > 0;) {
        events += applied;
        onProgress(model.checkpoint, events);
      }
    } catch (error) {
      model.db.close();
      storage.remove(name, version);
      throw error;
    }
    model.db.close();
    storage.activate(name, version);
    return { name, version, position: model.checkpoint, events };
  });
}

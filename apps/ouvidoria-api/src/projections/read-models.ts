import { DepartmentInboxProjection } from '../department-inbox/department-inbox.projection';
import { ReaProjection } from '../rea-report/rea.projection';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Projection } from './projection';

/** Under DATA_DIR: one SQLite file per projection and version (see `ReadModelDirectory`). */
export const READ_MODELS_DIR = 'read-models';

/** Every read model the server keeps; their names are what `projections:rebuild` takes. */
export const projections = (): Projection[] => [new WorkQueueProjection(), new DepartmentInboxProjection(), new ReaProjection()];

/**
 * Before read models had a file each, they shared `read-models.sqlite`. It holds a copy of
 * requester data that nothing reads any more: removed at start-up (the log has everything).
 */
export function removeSharedReadModelFile(dataDir: string): boolean {
  const file = join(dataDir, 'read-models.sqlite');
  if (!existsSync(file)) return false;
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return true;
}

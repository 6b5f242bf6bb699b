import { DepartmentInboxProjection } from '../department-inbox/department-inbox.projection';
import { ReaProjection } from '../rea-report/rea.projection';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import type { Projection } from './projection';

/** Under DATA_DIR: one SQLite file per projection and version (see `ReadModelDirectory`). */
export const READ_MODELS_DIR = 'read-models';

/** Every read model the server keeps; their names are what `projections:rebuild` takes. */
export const projections = (): Projection[] => [new WorkQueueProjection(), new DepartmentInboxProjection(), new ReaProjection()];

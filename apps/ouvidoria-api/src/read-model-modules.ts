import type { Type } from '@nestjs/common';
import { DataSubjectsModule } from './data-subjects/data-subjects.module';
import { DepartmentInboxModule } from './department-inbox/department-inbox.module';
import type { Projection } from './projections/projection';
import { ReaReportModule } from './rea-report/rea-report.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { WorkQueueModule } from './work-queue/work-queue.module';

/** A module that owns a read model: it registers its projection with the engine when it starts. */
type ReadModelModule = Type & { projection: () => Projection };

/**
 * Every module with a read model. The server imports them (each registers its projection); the CLI
 * takes their projections for `projections:rebuild`.
 */
export const READ_MODEL_MODULES: ReadModelModule[] = [
  WorkQueueModule,
  DepartmentInboxModule,
  ReaReportModule,
  RecommendationsModule,
  DataSubjectsModule,
];

export const readModelProjections = (): Projection[] => READ_MODEL_MODULES.map((module) => module.projection());

import type { DecisionContext } from '@app/domain';
import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DECISION_CONTEXT } from '../application/ports';
import { ReadModels } from '../projections/read-models';
import { GetStatsHandler } from './get-stats.handler';
import { ListManifestationsHandler } from './list-manifestations.handler';
import { WorkQueueController } from './work-queue.controller';
import { WORK_QUEUE, WorkQueueProjection } from './work-queue.projection';
import { WorkQueueReader } from './work-queue.reader';

/** The work queue read model: its projection, its queries (`GET /manifestations`, `GET /stats`). */
@Module({
  imports: [CqrsModule],
  controllers: [WorkQueueController],
  providers: [
    {
      provide: WorkQueueReader,
      inject: [ReadModels, DECISION_CONTEXT],
      useFactory: (readModels: ReadModels, context: DecisionContext) =>
        new WorkQueueReader(() => readModels.database(WORK_QUEUE), context.calendar),
    },
    ListManifestationsHandler,
    GetStatsHandler,
  ],
  // The metrics' business gauges read the queue's counts.
  exports: [WorkQueueReader],
})
export class WorkQueueModule implements OnModuleInit {
  static readonly projection = () => new WorkQueueProjection();

  constructor(private readonly readModels: ReadModels) {}

  onModuleInit(): void {
    this.readModels.register(WorkQueueModule.projection());
  }
}

import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { DecisionContext } from '@app/domain';
import { Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { DECISION_CONTEXT } from '../application/decision-context.provider';
import { DepartmentInboxController } from '../department-inbox/department-inbox.controller';
import { DEPARTMENT_INBOX_READER, DepartmentInboxReader } from '../department-inbox/department-inbox.reader';
import { ListDepartmentForwardingsHandler } from '../department-inbox/list-department-forwardings.handler';
import { CLOCK, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WorkQueueController } from '../work-queue/work-queue.controller';
import { GetStatsHandler, ListManifestationsHandler } from '../work-queue/work-queue.handlers';
import { WORK_QUEUE_READER, WorkQueueReader } from '../work-queue/work-queue.reader';
import { GetReaReportHandler } from '../rea-report/get-rea-report.handler';
import { ReaReportController } from '../rea-report/rea-report.controller';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDirectory } from './read-model-storage';
import { projections, READ_MODELS_DIR, removeSharedReadModelFile } from './read-models';


/**
 * The read side: projections kept current from the log, each in its own SQLite files apart from
 * the log (rebuilt from it, so committed with synchronous=NORMAL: a crash loses at most the last
 * batches, and the checkpoint with them), and the queries on them.
 */
@Module({
  imports: [CqrsModule],
  controllers: [WorkQueueController, DepartmentInboxController, ReaReportController],
  providers: [
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, APP_CONFIG, CLOCK],
      useFactory: (store: EventStore, config: AppConfig, clock: Clock) => {
        if (removeSharedReadModelFile(config.dataDir)) {
          new Logger('ReadSide').log('removed the old shared read-models.sqlite; read models are rebuilt under read-models/');
        }
        return new ProjectionRunner(store, new ReadModelDirectory(join(config.dataDir, READ_MODELS_DIR)), projections(), () => clock.now());
      },
    },
    {
      provide: WORK_QUEUE_READER,
      inject: [ProjectionRunner, DECISION_CONTEXT],
      useFactory: (runner: ProjectionRunner, context: DecisionContext) =>
        new WorkQueueReader(() => runner.database('work-queue'), context.calendar),
    },
    {
      provide: DEPARTMENT_INBOX_READER,
      inject: [ProjectionRunner],
      useFactory: (runner: ProjectionRunner) => new DepartmentInboxReader(() => runner.database('department-inbox')),
    },
    ListManifestationsHandler,
    GetStatsHandler,
    ListDepartmentForwardingsHandler,
    GetReaReportHandler,
  ],
  exports: [ProjectionRunner],
})
export class ReadSideModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly runner: ProjectionRunner) {}

  /** Catches up before the app takes requests, so queries start from a current read model. */
  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.runner.close();
  }
}

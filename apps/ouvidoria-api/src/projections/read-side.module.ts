import { EVENT_STORE, openDatabase, type EventStore } from '@app/event-store';
import type { DecisionContext } from '@app/domain';
import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { DECISION_CONTEXT } from '../application/decision-context.provider';
import { DepartmentInboxController } from '../department-inbox/department-inbox.controller';
import { DepartmentInboxProjection } from '../department-inbox/department-inbox.projection';
import { DEPARTMENT_INBOX_READER, DepartmentInboxReader } from '../department-inbox/department-inbox.reader';
import { ListDepartmentForwardingsHandler } from '../department-inbox/list-department-forwardings.handler';
import { CLOCK, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WorkQueueController } from '../work-queue/work-queue.controller';
import { GetStatsHandler, ListManifestationsHandler } from '../work-queue/work-queue.handlers';
import { WorkQueueProjection } from '../work-queue/work-queue.projection';
import { WORK_QUEUE_READER, WorkQueueReader } from '../work-queue/work-queue.reader';
import { GetReaReportHandler } from '../rea-report/get-rea-report.handler';
import { ReaProjection } from '../rea-report/rea.projection';
import { ReaReportController } from '../rea-report/rea-report.controller';
import { READ_MODEL_DB } from './projection';
import { ProjectionRunner } from './projection-runner';

/**
 * Read models live in their own file: they are rebuilt from the log, so they commit with
 * synchronous=NORMAL (a crash loses at most their last batches, and the checkpoint with them).
 */
const READ_MODELS_FILE = 'read-models.sqlite';

@Module({
  imports: [CqrsModule],
  controllers: [WorkQueueController, DepartmentInboxController, ReaReportController],
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openDatabase(join(config.dataDir, READ_MODELS_FILE), 'NORMAL'),
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_DB, CLOCK],
      useFactory: (store: EventStore, db: Database.Database, clock: Clock) =>
        new ProjectionRunner(store, db, [new WorkQueueProjection(), new DepartmentInboxProjection(), new ReaProjection()], () => clock.now()),
    },
    {
      provide: WORK_QUEUE_READER,
      inject: [READ_MODEL_DB, DECISION_CONTEXT],
      useFactory: (db: Database.Database, context: DecisionContext) => new WorkQueueReader(db, context.calendar),
    },
    {
      provide: DEPARTMENT_INBOX_READER,
      inject: [READ_MODEL_DB],
      useFactory: (db: Database.Database) => new DepartmentInboxReader(db),
    },
    ListManifestationsHandler,
    GetStatsHandler,
    ListDepartmentForwardingsHandler,
    GetReaReportHandler,
  ],
  exports: [ProjectionRunner],
})
export class ReadSideModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {}

  /** Catches up before the app takes requests, so queries start from a current read model. */
  onApplicationBootstrap(): Promise<void> {
    return this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.db.close();
  }
}

import type { DecisionContext } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandPath } from '../application/command-path';
import { CLOCK, DECISION_CONTEXT, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SUBJECT_KEYS, type SubjectKeys } from '../personal-data/subject-keys';
import { Shutdown } from '../infrastructure/shutdown';
import { ReadModels } from '../projections/read-models';
import { BLOB_STORE, type BlobStore } from '../attachments/blob-store/blob-store';
import { deleteCaseFiles } from '../attachments/case-files';
import { Erasure } from './erasure';
import { ExportPersonalDataController } from './export-personal-data/export-personal-data.controller';
import { ExportPersonalDataHandler } from './export-personal-data/export-personal-data.handler';
import { RequestErasureController } from './request-erasure/request-erasure.controller';
import { RequestErasureHandler } from './request-erasure/request-erasure.handler';
import { RetentionJob } from './retention-job';
import { SUBJECT_INDEX, SubjectIndexProjection } from './subject-index.projection';
import { SubjectIndexReader } from './subject-index.reader';

/** Data subjects (LGPD): their index, erasure on request and by retention, and subject access. */
@Module({
  imports: [CqrsModule],
  controllers: [RequestErasureController, ExportPersonalDataController],
  providers: [
    {
      provide: SubjectIndexReader,
      inject: [ReadModels, EVENT_STORE],
      useFactory: (readModels: ReadModels, store: EventStore) =>
        new SubjectIndexReader(
          () => readModels.database(SUBJECT_INDEX),
          async () => readModels.awaitPosition(SUBJECT_INDEX, String(await store.lastPosition())),
        ),
    },
    {
      provide: Erasure,
      inject: [CommandPath, DECISION_CONTEXT, APP_CONFIG, SUBJECT_KEYS, CLOCK, SubjectIndexReader, EVENT_STORE, BLOB_STORE],
      useFactory: (
        path: CommandPath,
        context: DecisionContext,
        config: AppConfig,
        keys: SubjectKeys,
        clock: Clock,
        index: SubjectIndexReader,
        store: EventStore,
        blobs: BlobStore,
      ) =>
        new Erasure(
          path,
          { calendar: context.calendar, retentionYears: config.personalData.retentionYears },
          keys,
          clock,
          index,
          (protocols) => deleteCaseFiles(store, blobs, protocols),
        ),
    },
    RetentionJob,
    RequestErasureHandler,
    ExportPersonalDataHandler,
  ],
  exports: [Erasure],
})
export class DataSubjectsModule implements OnModuleInit, OnApplicationBootstrap {
  static readonly projection = () => new SubjectIndexProjection();

  constructor(
    private readonly readModels: ReadModels,
    private readonly retention: RetentionJob,
    private readonly shutdown: Shutdown,
  ) {}

  onModuleInit(): void {
    this.readModels.register(DataSubjectsModule.projection());
  }

  /** The retention job runs first once the read models have caught up (`RetentionJob.start`). */
  onApplicationBootstrap(): void {
    this.shutdown.register('stop-inputs', 'the retention job', () => this.retention.stop());
    this.retention.start();
  }
}

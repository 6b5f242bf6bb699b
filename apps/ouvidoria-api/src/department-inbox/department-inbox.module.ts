import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModels } from '../projections/read-models';
import { DepartmentInboxController } from './department-inbox.controller';
import { DEPARTMENT_INBOX, DepartmentInboxProjection } from './department-inbox.projection';
import { DepartmentInboxReader } from './department-inbox.reader';
import { ListDepartmentForwardingsHandler } from './list-department-forwardings.handler';

/** Each department's inbox: its projection and its query (`GET /departments/{code}/forwardings`). */
@Module({
  imports: [CqrsModule],
  controllers: [DepartmentInboxController],
  providers: [
    {
      provide: DepartmentInboxReader,
      inject: [ReadModels],
      useFactory: (readModels: ReadModels) => new DepartmentInboxReader(() => readModels.database(DEPARTMENT_INBOX)),
    },
    ListDepartmentForwardingsHandler,
  ],
})
export class DepartmentInboxModule implements OnModuleInit {
  static readonly projection = () => new DepartmentInboxProjection();

  constructor(private readonly readModels: ReadModels) {}

  onModuleInit(): void {
    this.readModels.register(DepartmentInboxModule.projection());
  }
}

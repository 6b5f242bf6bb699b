import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModels } from '../projections/read-models';
import { GetReaReportHandler } from './get-rea-report.handler';
import { ReaReportController } from './rea-report.controller';
import { ReaProjection } from './rea.projection';

/** The REA-Ouvidorias read model: its projection and its report (`GET /reports/rea`). */
@Module({
  imports: [CqrsModule],
  controllers: [ReaReportController],
  providers: [GetReaReportHandler],
})
export class ReaReportModule implements OnModuleInit {
  static readonly projection = () => new ReaProjection();

  constructor(private readonly readModels: ReadModels) {}

  onModuleInit(): void {
    this.readModels.register(ReaReportModule.projection());
  }
}

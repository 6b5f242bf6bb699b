import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '../projections/read-models';
import { GetReaReportQuery } from './get-rea-report.query';
import { REA } from './rea.projection';
import { buildReaReport, type ReaReport } from './rea-report';

@QueryHandler(GetReaReportQuery)
export class GetReaReportHandler implements IQueryHandler<GetReaReportQuery, ReaReport> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ year, minPosition }: GetReaReportQuery): Promise<ReaReport> {
    await this.readModels.awaitPosition(REA, minPosition);
    return buildReaReport(this.readModels.database(REA), year);
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../projections/projection-runner';
import { awaitPosition } from '../projections/read-your-writes';
import { GetReaReport } from './get-rea-report.query';
import { buildReaReport, type ReaReport } from './rea-report';

@QueryHandler(GetReaReport)
export class GetReaReportHandler implements IQueryHandler<GetReaReport, ReaReport> {
  constructor(private readonly runner: ProjectionRunner) {}

  async execute({ year, minPosition }: GetReaReport): Promise<ReaReport> {
    await awaitPosition(this.runner, 'rea', minPosition);
    return buildReaReport(this.runner.database('rea'), year);
  }
}

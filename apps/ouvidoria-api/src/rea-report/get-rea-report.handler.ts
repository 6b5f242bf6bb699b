import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { READ_MODEL_DB } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { awaitPosition } from '../projections/read-your-writes';
import { GetReaReport } from './get-rea-report.query';
import { buildReaReport, type ReaReport } from './rea-report';

@QueryHandler(GetReaReport)
export class GetReaReportHandler implements IQueryHandler<GetReaReport, ReaReport> {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ year, minPosition }: GetReaReport): Promise<ReaReport> {
    await awaitPosition(this.runner, 'rea', minPosition);
    return buildReaReport(this.db, year);
  }
}

import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetReaReportQuery } from './get-rea-report.query';
import type { ReaReport } from './rea-report';
import { reaReportCsv } from './rea-report.csv';
import { ReaReportParams } from './rea-report.dto';
import { Access, READERS } from '../auth/access';

@ApiTags('reports')
@Access(...READERS)
@Controller('reports')
export class ReaReportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('rea')
  @ApiOperation({ summary: 'The yearly REA-Ouvidorias figures (JSON, or CSV with Accept: text/csv); formulas in docs/rea-report.md' })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({ status: 200, description: 'The report; zeros for a year without cases' })
  async rea(
    @Query() { year, minPosition }: ReaReportParams,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReaReport | string> {
    const report = await this.queryBus.execute(new GetReaReportQuery(year, minPosition));
    if (!accept?.includes('text/csv')) return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rea-ouvidorias-${year}.csv"`);
    return reaReportCsv(report);
  }
}

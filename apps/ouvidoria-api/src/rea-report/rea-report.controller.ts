import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GetReaReportQuery } from './get-rea-report.query';
import type { ReaReport } from './rea-report';
import { reaReportCsv } from './rea-report.csv';
import { ReaReportParams } from './rea-report.dto';
import { ReaReportDto } from './rea-report-response.dto';
import { Access, READERS } from '../auth/access';

@ApiTags('reports')
@Access(...READERS)
@Controller('reports')
export class ReaReportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('rea')
  @ApiOperation({ summary: 'The yearly REA-Ouvidorias figures (JSON, or CSV with Accept: text/csv); formulas in docs/rea-report.md' })
  @ApiExtraModels(ReaReportDto)
  @ApiResponse({
    status: 200,
    description: 'The report; zeros for a year without cases',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ReaReportDto) } },
      'text/csv': { schema: { type: 'string', description: 'The same figures, one per line (Content-Disposition: attachment)' } },
    },
  })
  @ApiResponse({ status: 400, description: 'year missing or not between 2000 and 2100, or minPosition not a position' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
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

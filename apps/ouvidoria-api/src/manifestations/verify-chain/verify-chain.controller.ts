import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../../problems/problem';
import { ProtocolPipe } from '../protocol.pipe';
import { ChainReportDto } from './chain-report.dto';
import { VerifyChainQuery, type ChainReport } from './verify-chain.query';
import { Access, READERS } from '../../auth/access';

@ApiTags('audit')
@Access(...READERS)
@Controller('manifestations')
export class VerifyChainController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol/verify')
  @ApiOperation({ summary: "Whether the manifestation's stored hash chain is intact" })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'Whether the chain holds: a damaged event is intact: false', type: ChainReportDto })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async verify(@Param('protocol', ProtocolPipe) protocol: string): Promise<ChainReport> {
    const report = await this.queryBus.execute(new VerifyChainQuery(protocol));
    if (!report) throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}`));
    return report;
  }
}

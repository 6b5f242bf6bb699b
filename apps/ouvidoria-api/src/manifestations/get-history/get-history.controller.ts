import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../../problems/problem';
import { AsOfParams } from '../as-of.dto';
import { ProtocolPipe } from '../protocol.pipe';
import { GetHistoryQuery } from './get-history.query';
import { HistoryDto } from './history.dto';
import { Access, READERS } from '../../auth/access';

@ApiTags('manifestations')
@Access(...READERS)
@Controller('manifestations')
export class GetHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol/history')
  @ApiOperation({ summary: 'Every event of the manifestation, in order, with its hash-chain link (up to ?asOf=)' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'Every event, oldest first', type: HistoryDto })
  @ApiResponse({ status: 400, description: 'asOf is not an ISO-8601 instant with offset' })
  @ApiResponse({ status: 404, description: 'Unknown protocol, or not yet registered at asOf' })
  async history(@Param('protocol', ProtocolPipe) protocol: string, @Query() { asOf }: AsOfParams): Promise<HistoryDto> {
    const events = await this.queryBus.execute(new GetHistoryQuery(protocol, asOf));
    // Before its first event the manifestation did not exist: the same 404 as GET /manifestations/{protocol}?asOf=.
    if (events.length === 0) {
      const when = asOf ? ` at ${asOf}` : '';
      throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}${when}`));
    }
    return {
      protocol,
      events: events.map(({ type, revision, data, metadata, recordedAt, hash }) => ({
        type,
        revision: Number(revision),
        data,
        metadata,
        recordedAt,
        hash,
      })),
    };
  }
}

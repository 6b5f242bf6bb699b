import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, ProblemException } from '../../http/problem';
import { caseResponse, type ManifestationView } from '../manifestation-view';
import { AsOfParams } from '../as-of.dto';
import { ProtocolPipe } from '../protocol.pipe';
import { GetManifestation } from './get-manifestation.query';

@ApiTags('manifestations')
@Controller('manifestations')
export class GetManifestationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol')
  @ApiOperation({ summary: 'The case as it stands now, or as it stood at ?asOf=' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'The case; ETag = its revision' })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async get(
    @Param('protocol', ProtocolPipe) protocol: string,
    @Query() { asOf }: AsOfParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView> {
    const snapshot = await this.queryBus.execute(new GetManifestation(protocol, asOf ? new Date(asOf) : undefined));
    if (!snapshot) {
      const when = asOf ? ` at ${asOf}` : '';
      throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}${when}`));
    }
    return caseResponse(reply, snapshot);
  }
}

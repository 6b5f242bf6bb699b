import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, ProblemException } from '../../http/problem';
import { caseResponse, type ManifestationView } from '../manifestation-view';
import { ProtocolPipe } from '../protocol.pipe';
import { GetManifestation } from './get-manifestation.query';

@ApiTags('manifestations')
@Controller('manifestations')
export class GetManifestationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol')
  @ApiOperation({ summary: 'The case as it stands now' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'The case; ETag = its revision' })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async get(
    @Param('protocol', ProtocolPipe) protocol: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView> {
    const snapshot = await this.queryBus.execute(new GetManifestation(protocol));
    if (!snapshot) throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}`));
    return caseResponse(reply, snapshot);
  }
}

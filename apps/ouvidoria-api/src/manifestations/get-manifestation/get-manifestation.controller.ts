import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, READERS } from '../../auth/access';
import type { Principal } from '../../auth/principal';
import { problem, ProblemException } from '../../http/problem';
import { CurrentPrincipal } from '../../http/request-context';
import { forDepartment, type DepartmentCaseResponse } from '../department-case-view';
import { setCaseHeaders, toView, type ManifestationView } from '../manifestation-view';
import { AsOfParams } from '../as-of.dto';
import { ProtocolPipe } from '../protocol.pipe';
import { GetManifestation } from './get-manifestation.query';

@ApiTags('manifestations')
@Controller('manifestations')
export class GetManifestationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol')
  @Access(...READERS, 'department')
  @ApiOperation({ summary: 'The case as it stands now, or as it stood at ?asOf=; a department sees its minimised view' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'The case; ETag = its revision' })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async get(
    @Param('protocol', ProtocolPipe) protocol: string,
    @Query() { asOf }: AsOfParams,
    @CurrentPrincipal() { department }: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView | DepartmentCaseResponse> {
    const snapshot = await this.queryBus.execute(new GetManifestation(protocol, asOf ? new Date(asOf) : undefined));
    // A case not forwarded to the asking department does not exist for it: the same 404.
    const view = snapshot && toView(snapshot.manifestation, snapshot.revision);
    const shown = view && department ? forDepartment(view, department) : view;
    if (!snapshot || !shown) {
      const when = asOf ? ` at ${asOf}` : '';
      throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}${when}`));
    }
    setCaseHeaders(reply, snapshot);
    return shown;
  }
}

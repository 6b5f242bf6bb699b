import { DamagedEvent } from '@app/event-store';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, READERS } from '../../auth/access';
import type { Principal } from '../../auth/principal';
import { CurrentPrincipal } from '../../http/request-context';
import { problem, ProblemException } from '../../problems/problem';
import { AsOfParams } from '../as-of.dto';
import { forDepartment, type DepartmentManifestationResponse } from '../department-view';
import { setVersionHeaders } from '../../http/version-headers';
import { toView, type ManifestationView } from '../manifestation-view';
import { ProtocolPipe } from '../protocol.pipe';
import { GetManifestationQuery } from './get-manifestation.query';

@ApiTags('manifestations')
@Controller('manifestations')
export class GetManifestationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':protocol')
  @Access(...READERS, 'department')
  @ApiOperation({ summary: 'The manifestation as it stands now, or as it stood at ?asOf=; a department sees its minimised view' })
  @ApiParam({ name: 'protocol', description: '20-digit protocol number' })
  @ApiResponse({ status: 200, description: 'The manifestation; ETag = its revision' })
  @ApiResponse({ status: 404, description: 'Unknown protocol' })
  async get(
    @Param('protocol', ProtocolPipe) protocol: string,
    @Query() { asOf }: AsOfParams,
    @CurrentPrincipal() { department }: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestationView | DepartmentManifestationResponse> {
    const found = await this.queryBus.execute(new GetManifestationQuery(protocol, asOf)).catch((error: unknown) => {
      // A department cannot tell whether a case it may not see has a damaged event: the same 404.
      if (department && error instanceof DamagedEvent) return null;
      throw error;
    });
    // A manifestation not forwarded to the asking department does not exist for it: the same 404.
    const view = found && toView(found);
    const shown = view && department ? forDepartment(view, department) : view;
    if (!found || !shown) {
      const when = asOf ? ` at ${asOf}` : '';
      throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}${when}`));
    }
    setVersionHeaders(reply, found);
    return shown;
  }
}

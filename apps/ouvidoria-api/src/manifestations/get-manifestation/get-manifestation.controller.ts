import { DamagedEvent } from '@app/event-store';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOperation, ApiParam, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, READERS } from '../../auth/access';
import type { Principal } from '../../auth/principal';
import { CurrentPrincipal } from '../../http/request-context';
import { problem, ProblemException } from '../../problems/problem';
import { AsOfParams } from '../as-of.dto';
import { forDepartment, type DepartmentManifestationResponse } from '../department-view';
import { DepartmentManifestationViewDto } from '../department-view.dto';
import { VERSION_HEADERS } from '../../http/openapi';
import { setVersionHeaders } from '../../http/version-headers';
import { toView, type ManifestationView } from '../manifestation-view';
import { ManifestationViewDto } from '../manifestation-view.dto';
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
  @ApiExtraModels(ManifestationViewDto, DepartmentManifestationViewDto)
  @ApiResponse({
    status: 200,
    description: 'The manifestation (a department user: its own view of it); ETag = its revision',
    headers: VERSION_HEADERS,
    schema: { anyOf: [{ $ref: getSchemaPath(ManifestationViewDto) }, { $ref: getSchemaPath(DepartmentManifestationViewDto) }] },
  })
  @ApiResponse({ status: 400, description: 'asOf is not an ISO-8601 instant with offset' })
  @ApiResponse({ status: 404, description: 'Unknown protocol, not yet registered at asOf, or not forwarded to this department' })
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

import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, READERS } from '../auth/access';
import type { Principal } from '../auth/principal';
import { problem, ProblemException } from '../problems/problem';
import { CurrentPrincipal } from '../http/request-context';
import { DepartmentForwardingsParams } from './department-inbox.dto';
import { InboxPageDto } from './inbox-page.dto';
import { ListDepartmentForwardingsQuery } from './list-department-forwardings.query';

const DEFAULT_LIMIT = 50;

@ApiTags('departments')
@Controller('departments')
export class DepartmentInboxController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':code/forwardings')
  @Access(...READERS, 'department')
  @ApiOperation({
    summary: "A department's inbox: its forwardings, soonest due first, requester minimised; a department sees only its own",
  })
  @ApiParam({ name: 'code', description: `department code, ${DEPARTMENT_CODE_PATTERN.source}` })
  @ApiResponse({ status: 200, description: 'A page of the inbox, soonest due first', type: InboxPageDto })
  @ApiResponse({ status: 400, description: 'An invalid department code, status, limit or cursor (each named in errors)' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
  @ApiResponse({ status: 404, description: "Another department's inbox, asked for by a department user" })
  list(
    @Param('code') code: string,
    @Query() { status, limit, cursor, minPosition }: DepartmentForwardingsParams,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (!DEPARTMENT_CODE_PATTERN.test(code)) {
      const message = `department code must match ${DEPARTMENT_CODE_PATTERN.source}`;
      throw new ProblemException(problem(400, 'VALIDATION_FAILED', message, [{ field: 'code', rule: 'matches', message }]));
    }
    if (principal.department !== undefined && principal.department !== code) {
      throw new ProblemException(problem(404, 'DEPARTMENT_NOT_FOUND', `no inbox ${code} for this caller`));
    }
    return this.queryBus.execute(new ListDepartmentForwardingsQuery(code, { status, limit: limit ?? DEFAULT_LIMIT, cursor }, minPosition));
  }
}

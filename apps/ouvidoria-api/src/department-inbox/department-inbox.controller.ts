import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../http/problem';
import { DepartmentForwardingsParams } from './department-inbox.dto';
import { ListDepartmentForwardings } from './list-department-forwardings.query';

const DEPARTMENT = /^[a-z0-9][a-z0-9-]{1,49}$/;
const DEFAULT_LIMIT = 50;

@ApiTags('departments')
@Controller('departments')
export class DepartmentInboxController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':code/forwardings')
  @ApiOperation({ summary: "A department's inbox: its forwardings, soonest due first, requester minimised" })
  @ApiParam({ name: 'code', description: 'department code, ^[a-z0-9][a-z0-9-]{1,49}$' })
  @ApiResponse({ status: 200, description: '{ items: [...], nextCursor }' })
  list(@Param('code') code: string, @Query() { status, limit, cursor, minPosition }: DepartmentForwardingsParams) {
    if (!DEPARTMENT.test(code)) {
      const message = 'department code must match ^[a-z0-9][a-z0-9-]{1,49}$';
      throw new ProblemException(problem(400, 'VALIDATION_FAILED', message, [{ field: 'code', rule: 'matches', message }]));
    }
    return this.queryBus.execute(new ListDepartmentForwardings(code, { status, limit: limit ?? DEFAULT_LIMIT, cursor }, minPosition));
  }
}

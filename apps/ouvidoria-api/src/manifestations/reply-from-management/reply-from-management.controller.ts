import { Body, Controller, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, ProblemException } from '../../http/problem';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { forDepartment, onlyForwardingsTo } from '../department-case-view';
import { ReplyFromManagementBody } from './reply-from-management.body';

/** A forwarding id that is not a uuid names no forwarding: 404. */
const forwardingIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(problem(404, 'FORWARDING_NOT_FOUND', 'no such forwarding')),
});

@ApiTags('manifestations')
@Controller('manifestations')
export class ReplyFromManagementController {
  constructor(private readonly commandBus: CommandBus) {}

  /** A department replies only to its own forwardings, and gets back its own view of the case. */
  @CaseAction('forwardings/:forwardingId/reply', "Record the department's reply to a PENDING forwarding", ['ouvidoria', 'department'])
  @ApiParam({ name: 'forwardingId', format: 'uuid' })
  async reply(
    @Param('forwardingId', forwardingIdPipe) forwardingId: string,
    @Body() body: ReplyFromManagementBody,
    @Target() target: CaseTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { department } = target.principal;
    const view = await actOn(
      this.commandBus,
      reply,
      target,
      (now) => ({ type: 'ReplyFromManagement', data: { forwardingId, text: body.text }, metadata: { now } }),
      department ? onlyForwardingsTo(department, forwardingId) : undefined,
    );
    return department ? forDepartment(view, department) : view;
  }
}

import { Body, Controller, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, ProblemException } from '../../problems/problem';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { ReplyFromManagementBody } from './reply-from-management.body';
import { ReplyFromManagementCommand } from './reply-from-management.command';

/** A forwarding id that is not a uuid names no forwarding: 404. */
const forwardingIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(problem(404, 'FORWARDING_NOT_FOUND', 'no such forwarding')),
});

@ApiTags('manifestations')
@Controller('manifestations')
export class ReplyFromManagementController {
  constructor(private readonly commandBus: CommandBus) {}

  /** A department gets back its own view of the manifestation. */
  @ManifestationAction('forwardings/:forwardingId/reply', "Record the department's reply to a PENDING forwarding", [
    'ouvidoria',
    'department',
  ])
  @ApiBody({
    type: ReplyFromManagementBody,
    required: true,
    examples: {
      reply: { summary: "The department's reply", value: { text: 'Negativa revertida' } },
    },
  })
  @ApiParam({ name: 'forwardingId', format: 'uuid' })
  async reply(
    @Param('forwardingId', forwardingIdPipe) forwardingId: string,
    @Body() { text }: ReplyFromManagementBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new ReplyFromManagementCommand(target, { forwardingId, text }));
    return actionResponse(reply, result, target);
  }
}

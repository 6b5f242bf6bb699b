import { Body, Controller, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, ProblemException } from '../../problems/problem';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { RecordClarificationReplyBody } from './record-clarification-reply.body';
import { RecordClarificationReplyCommand } from './record-clarification-reply.command';

/** An id that is not a uuid names no clarification request: 404. */
const clarificationIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(problem(404, 'CLARIFICATION_NOT_FOUND', 'no such clarification request')),
});

@ApiTags('manifestations')
@Controller('manifestations')
export class RecordClarificationReplyController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('clarification-requests/:clarificationId/reply', "Record the requester's reply taken by an analyst (e.g. by phone)")
  @ApiBody({
    type: RecordClarificationReplyBody,
    required: true,
    examples: {
      byPhone: { summary: 'The reply the requester gave by phone', value: { text: 'Pedido 4711' } },
    },
  })
  @ApiParam({ name: 'clarificationId', format: 'uuid', description: "From the manifestation's `clarifications`" })
  async record(
    @Param('clarificationId', clarificationIdPipe) clarificationId: string,
    @Body() { text }: RecordClarificationReplyBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(
      new RecordClarificationReplyCommand(target, { clarificationId, text, receivedVia: 'ANALYST' }),
    );
    return actionResponse(reply, result, target);
  }
}

import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { RequestClarificationBody } from './request-clarification.body';
import { RequestClarificationCommand } from './request-clarification.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class RequestClarificationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction(
    'clarification-requests',
    'Ask the requester a question (one pending at a time); RN 323 has no pause: the deadline keeps running',
  )
  @ApiBody({
    type: RequestClarificationBody,
    required: true,
    examples: {
      question: { summary: 'A question for the requester', value: { question: 'Qual o número do pedido médico?' } },
    },
  })
  async request(
    @Body() { question }: RequestClarificationBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new RequestClarificationCommand(target, { question }));
    return actionResponse(reply, result, target);
  }
}

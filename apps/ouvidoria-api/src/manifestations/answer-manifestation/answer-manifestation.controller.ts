import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { AnswerManifestationBody } from './answer-manifestation.body';
import { AnswerManifestationCommand } from './answer-manifestation.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class AnswerManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('answer', 'Answer the requester; records timeliness and business days taken')
  async answer(
    @Body() { text, outcome, lateReason, reversalReason }: AnswerManifestationBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new AnswerManifestationCommand(target, { text, outcome, lateReason, reversalReason }));
    return actionResponse(reply, result, target);
  }
}

import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { AnswerManifestationBody } from './answer-manifestation.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class AnswerManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('answer', 'Answer the requester; records timeliness and business days taken')
  answer(@Body() body: AnswerManifestationBody, @Target() target: CaseTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'AnswerManifestation',
      data: { text: body.text, outcome: body.outcome, lateReason: body.lateReason, reversalReason: body.reversalReason },
      metadata: { now },
    }));
  }
}

import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { RecordSatisfactionBody } from './record-satisfaction.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class RecordSatisfactionController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('satisfaction', "Record the requester's satisfaction (once, after the answer)")
  record(@Body() body: RecordSatisfactionBody, @Target() target: CaseTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'RecordSatisfaction',
      data: { score: body.score, comment: body.comment },
      metadata: { now },
    }));
  }
}

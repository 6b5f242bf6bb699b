import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { ExtendDeadlineBody } from './extend-deadline.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class ExtendDeadlineController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('extension', 'Extend the deadline once, with justification, as agreed with the requester')
  extend(@Body() body: ExtendDeadlineBody, @Target() target: CaseTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'ExtendDeadline',
      data: { justification: body.justification, businessDays: body.businessDays, agreedWithRequester: body.agreedWithRequester },
      metadata: { now },
    }));
  }
}

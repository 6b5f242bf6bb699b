import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { ConvertReanaliseBody } from './convert-reanalise.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class ConvertReanaliseController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('conversion', 'Turn an open REANALISE that is no review of a coverage denial into an ordinary manifestation')
  convert(
    @Body() body: ConvertReanaliseBody,
    @Target() target: CaseTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'ConvertReanalise',
      data: { toType: body.toType, reason: body.reason },
      metadata: { now },
    }));
  }
}

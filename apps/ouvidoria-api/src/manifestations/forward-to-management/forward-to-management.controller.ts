import { Body, Controller, Inject, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ID_GENERATOR, type IdGenerator } from '../../application/ports';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { ForwardToManagementBody } from './forward-to-management.body';

const DEFAULT_DUE_IN_BUSINESS_DAYS = 3;

@ApiTags('manifestations')
@Controller('manifestations')
export class ForwardToManagementController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @CaseAction('forwardings', 'Forward the case to a department (one PENDING forwarding per department)')
  forward(
    @Body() body: ForwardToManagementBody,
    @Target() target: CaseTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const forwardingId = this.ids.uuid();
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'ForwardToManagement',
      data: {
        forwardingId,
        department: body.department,
        instructions: body.instructions,
        dueInBusinessDays: body.dueInBusinessDays ?? DEFAULT_DUE_IN_BUSINESS_DAYS,
        shareRequesterContact: body.shareRequesterContact ?? false,
      },
      metadata: { now },
    }));
  }
}

import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { CloseManifestationBody } from './close-manifestation.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class CloseManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('close', 'Close the case')
  close(@Body() body: CloseManifestationBody, @Target() target: CaseTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'CloseManifestation',
      data: { reason: body.reason, note: body.note },
      metadata: { now },
    }));
  }
}

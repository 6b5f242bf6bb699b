import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actOn, CaseAction, Target, type CaseTarget } from '../case-action';
import { ClassifyManifestationBody } from './classify-manifestation.body';

@ApiTags('manifestations')
@Controller('manifestations')
export class ClassifyManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseAction('classification', 'Classify the manifestation by theme (allowed until it is closed)')
  classify(
    @Body() body: ClassifyManifestationBody,
    @Target() target: CaseTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return actOn(this.commandBus, reply, target, (now) => ({
      type: 'ClassifyManifestation',
      data: { theme: body.theme },
      metadata: { now },
    }));
  }
}

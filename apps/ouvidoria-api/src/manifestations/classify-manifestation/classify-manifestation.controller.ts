import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { ClassifyManifestationBody } from './classify-manifestation.body';
import { ClassifyManifestationCommand } from './classify-manifestation.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class ClassifyManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('classification', 'Classify the manifestation by theme (allowed until it is closed)')
  @ApiBody({
    type: ClassifyManifestationBody,
    required: true,
    examples: {
      coverage: { summary: 'A coverage matter', value: { theme: 'COBERTURA_ASSISTENCIAL' } },
    },
  })
  async classify(
    @Body() { theme }: ClassifyManifestationBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new ClassifyManifestationCommand(target, { theme }));
    return actionResponse(reply, result, target);
  }
}

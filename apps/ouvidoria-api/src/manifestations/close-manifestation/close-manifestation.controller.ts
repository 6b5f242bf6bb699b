import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { CloseManifestationBody } from './close-manifestation.body';
import { CloseManifestationCommand } from './close-manifestation.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class CloseManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('close', 'Close the manifestation')
  @ApiBody({
    type: CloseManifestationBody,
    required: true,
    examples: {
      answered: { summary: 'Close after the answer', value: { reason: 'RESPONDIDA' } },
    },
  })
  async close(
    @Body() { reason, note }: CloseManifestationBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new CloseManifestationCommand(target, { reason, note }));
    return actionResponse(reply, result, target);
  }
}

import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { ConvertReanaliseBody } from './convert-reanalise.body';
import { ConvertReanaliseCommand } from './convert-reanalise.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class ConvertReanaliseController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('conversion', 'Turn an open REANALISE that is no review of a coverage denial into an ordinary manifestation')
  @ApiBody({
    type: ConvertReanaliseBody,
    required: true,
    examples: {
      complaint: {
        summary: 'It is a complaint about a delay, not a review of a denial',
        value: { toType: 'RECLAMACAO', reason: 'Não houve negativa de cobertura: a beneficiária reclama da demora na autorização.' },
      },
    },
  })
  async convert(
    @Body() { toType, reason }: ConvertReanaliseBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new ConvertReanaliseCommand(target, { toType, reason }));
    return actionResponse(reply, result, target);
  }
}

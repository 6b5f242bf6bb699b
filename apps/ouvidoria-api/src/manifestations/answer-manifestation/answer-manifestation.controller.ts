import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { AnswerManifestationBody } from './answer-manifestation.body';
import { AnswerManifestationCommand } from './answer-manifestation.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class AnswerManifestationController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('answer', 'Answer the requester; records timeliness and business days taken')
  @ApiBody({
    type: AnswerManifestationBody,
    required: true,
    examples: {
      upheld: { summary: 'A complaint upheld (any type but REANALISE)', value: { text: 'Exame autorizado', outcome: 'PROCEDENTE' } },
      coverageGranted: {
        summary: 'A REANALISE: the denial reversed, with the reason',
        value: {
          text: 'Cirurgia autorizada após reanálise',
          outcome: 'DEFERIDA',
          reversalReason: 'Laudo complementar comprovou a indicação',
        },
      },
    },
  })
  async answer(
    @Body() { text, outcome, lateReason, reversalReason }: AnswerManifestationBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new AnswerManifestationCommand(target, { text, outcome, lateReason, reversalReason }));
    return actionResponse(reply, result, target);
  }
}

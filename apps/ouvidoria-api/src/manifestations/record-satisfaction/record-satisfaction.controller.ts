import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { RecordSatisfactionBody } from './record-satisfaction.body';
import { RecordSatisfactionCommand } from './record-satisfaction.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class RecordSatisfactionController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('satisfaction', "Record the requester's satisfaction (once, after the answer)")
  @ApiBody({
    type: RecordSatisfactionBody,
    required: true,
    examples: {
      satisfied: { summary: "The requester's rating, after the answer", value: { score: 5, comment: 'Resolvido rapidamente' } },
    },
  })
  async record(
    @Body() { score, comment }: RecordSatisfactionBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new RecordSatisfactionCommand(target, { score, comment }));
    return actionResponse(reply, result, target);
  }
}

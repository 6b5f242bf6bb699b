import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { ExtendDeadlineBody } from './extend-deadline.body';
import { ExtendDeadlineCommand } from './extend-deadline.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class ExtendDeadlineController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('extension', 'Extend the deadline once, with justification, as agreed with the requester')
  @ApiBody({
    type: ExtendDeadlineBody,
    required: true,
    examples: {
      extension: {
        summary: '15 business days from receipt, agreed with the requester (a justification of 20 characters or more)',
        value: { justification: 'Aguardando laudo do prestador', businessDays: 15, agreedWithRequester: true },
      },
    },
  })
  async extend(
    @Body() { justification, businessDays, agreedWithRequester }: ExtendDeadlineBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new ExtendDeadlineCommand(target, { justification, businessDays, agreedWithRequester }));
    return actionResponse(reply, result, target);
  }
}

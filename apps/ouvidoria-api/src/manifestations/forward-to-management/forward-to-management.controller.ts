import { Body, Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actionResponse, ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { ForwardToManagementBody } from './forward-to-management.body';
import { ForwardToManagementCommand } from './forward-to-management.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class ForwardToManagementController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction('forwardings', 'Forward the manifestation to a department (one PENDING forwarding per department)')
  @ApiBody({
    type: ForwardToManagementBody,
    required: true,
    examples: {
      review: {
        summary: 'Ask the regulation department to review a denial within 3 business days',
        value: { department: 'regulacao', instructions: 'Rever a negativa', dueInBusinessDays: 3 },
      },
    },
  })
  async forward(
    @Body() body: ForwardToManagementBody,
    @Target() target: ManifestationTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { department, instructions, dueInBusinessDays, shareRequesterContact = false, attachments: attachmentIds } = body;
    const result = await this.commandBus.execute(
      new ForwardToManagementCommand(target, { department, instructions, dueInBusinessDays, shareRequesterContact, attachmentIds }),
    );
    return actionResponse(reply, result, target);
  }
}

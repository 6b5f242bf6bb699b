import { Controller, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ManifestationAction, Target, type ManifestationTarget } from '../manifestation-action';
import { manifestationResponse, withAccessCode } from '../manifestation-view';
import { ReissueAccessCodeCommand } from './reissue-access-code.command';

@ApiTags('manifestations')
@Controller('manifestations')
export class ReissueAccessCodeController {
  constructor(private readonly commandBus: CommandBus) {}

  @ManifestationAction(
    'access-code',
    "Issue a new access code for the requester (the old one stops working); the answer's `accessCode`, this once",
  )
  async reissue(@Target() target: ManifestationTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute(new ReissueAccessCodeCommand(target));
    return withAccessCode(manifestationResponse(reply, result), result.accessCode);
  }
}

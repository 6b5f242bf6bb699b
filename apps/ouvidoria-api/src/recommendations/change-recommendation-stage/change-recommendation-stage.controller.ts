import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { ifMatchOf, RequestContext } from '../../http/request-context';
import { recommendationNotFound, recommendationResponse, type RecommendationView } from '../recommendation-view';
import { ChangeRecommendationStageBody } from './change-recommendation-stage.body';
import { ChangeRecommendationStageCommand } from './change-recommendation-stage.command';

@ApiTags('recommendations')
@Controller('recommendations')
export class ChangeRecommendationStageController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/stage')
  @HttpCode(200)
  @Access('ouvidoria')
  @ApiOperation({ summary: 'Record the stage a recommendation has reached; If-Match optional' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 409, description: 'The same stage, or a move the stages do not allow (see code)' })
  async changeStage(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: recommendationNotFound })) id: string,
    @Body() { stage, note }: ChangeRecommendationStageBody,
    @RequestContext() meta: RequestMeta,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const ifMatch = ifMatchOf(request);
    const changed = await this.commandBus.execute(
      new ChangeRecommendationStageCommand(id, { stage, note }, meta, ifMatch === undefined ? undefined : Number(ifMatch)),
    );
    return recommendationResponse(reply, changed);
  }
}

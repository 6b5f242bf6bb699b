import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { VERSION_HEADERS } from '../../http/openapi';
import { ifMatchOf, RequestContext } from '../../http/request-context';
import { recommendationNotFound, recommendationResponse, type RecommendationView } from '../recommendation-view';
import { RecommendationViewDto } from '../recommendation-view.dto';
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
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the recommendation ("<revision>"); 412 if it moved on' })
  @ApiBody({
    type: ChangeRecommendationStageBody,
    required: true,
    examples: {
      started: {
        summary: 'Management started implementing it',
        value: { stage: 'EM_IMPLEMENTACAO', note: 'Critérios em revisão pela diretoria' },
      },
    },
  })
  @ApiResponse({ status: 200, description: 'The recommendation at its new stage', type: RecommendationViewDto, headers: VERSION_HEADERS })
  @ApiResponse({ status: 400, description: 'Invalid input, or a malformed If-Match' })
  @ApiResponse({ status: 404, description: 'No such recommendation' })
  @ApiResponse({ status: 409, description: 'The same stage, or a move the stages do not allow (see code)' })
  @ApiResponse({ status: 412, description: 'If-Match does not match the current revision' })
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

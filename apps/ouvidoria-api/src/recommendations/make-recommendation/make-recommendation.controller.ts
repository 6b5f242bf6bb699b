import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { RequestContext } from '../../http/request-context';
import { recommendationResponse, type RecommendationView } from '../recommendation-view';
import { MakeRecommendationBody } from './make-recommendation.body';
import { MakeRecommendationCommand } from './make-recommendation.command';

/** Recommendations the Ouvidoria makes to management, and the stage each has reached (REA-Ouvidorias). */
@ApiTags('recommendations')
@Controller('recommendations')
export class MakeRecommendationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('ouvidoria')
  @ApiOperation({ summary: 'Make a recommendation to a management (stage PROPOSTA)' })
  @ApiResponse({ status: 201, description: 'Made; Location and ETag set' })
  async make(
    @Body() { department, text }: MakeRecommendationBody,
    @RequestContext() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const made = await this.commandBus.execute(new MakeRecommendationCommand({ department, text }, meta));
    void reply.status(201).header('location', `/recommendations/${made.state.recommendationId}`);
    return recommendationResponse(reply, made);
  }
}

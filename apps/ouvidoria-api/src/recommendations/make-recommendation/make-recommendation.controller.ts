import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestMeta } from '../../application/ports';
import { Access } from '../../auth/access';
import { CREATED_HEADERS } from '../../http/openapi';
import { RequestContext } from '../../http/request-context';
import { recommendationResponse, type RecommendationView } from '../recommendation-view';
import { RecommendationViewDto } from '../recommendation-view.dto';
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
  @ApiBody({
    type: MakeRecommendationBody,
    required: true,
    examples: {
      criteria: {
        summary: 'What the cases show the regulation department should change',
        value: { department: 'regulacao', text: 'Publicar os critérios de autorização de exames de imagem.' },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'Made, at stage PROPOSTA', type: RecommendationViewDto, headers: CREATED_HEADERS })
  @ApiResponse({ status: 400, description: 'Invalid input' })
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

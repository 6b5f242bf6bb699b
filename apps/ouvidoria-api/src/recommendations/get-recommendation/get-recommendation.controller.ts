import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, READERS } from '../../auth/access';
import { VERSION_HEADERS } from '../../http/openapi';
import { recommendationNotFound, recommendationResponse, type RecommendationView } from '../recommendation-view';
import { RecommendationViewDto } from '../recommendation-view.dto';
import { GetRecommendationQuery } from './get-recommendation.query';

@ApiTags('recommendations')
@Controller('recommendations')
export class GetRecommendationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Access(...READERS)
  @ApiOperation({ summary: 'A recommendation with every stage it went through; ETag = its revision' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The recommendation', type: RecommendationViewDto, headers: VERSION_HEADERS })
  @ApiResponse({ status: 404, description: 'No such recommendation' })
  async get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: recommendationNotFound })) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const found = await this.queryBus.execute(new GetRecommendationQuery(id));
    if (!found) throw recommendationNotFound();
    return recommendationResponse(reply, found);
  }
}

import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, READERS } from '../../auth/access';
import { recommendationNotFound, recommendationResponse, type RecommendationView } from '../recommendation-view';
import { GetRecommendationQuery } from './get-recommendation.query';

@ApiTags('recommendations')
@Controller('recommendations')
export class GetRecommendationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Access(...READERS)
  @ApiOperation({ summary: 'A recommendation with every stage it went through; ETag = its revision' })
  @ApiParam({ name: 'id', format: 'uuid' })
  async get(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: recommendationNotFound })) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationView> {
    const found = await this.queryBus.execute(new GetRecommendationQuery(id));
    if (!found) throw recommendationNotFound();
    return recommendationResponse(reply, found);
  }
}

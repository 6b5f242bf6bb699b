import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access, READERS } from '../../auth/access';
import { ListRecommendationsParams } from './list-recommendations.dto';
import { RecommendationListDto } from './recommendation-list.dto';
import { ListRecommendationsQuery } from './list-recommendations.query';

@ApiTags('recommendations')
@Controller('recommendations')
export class ListRecommendationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: "A year's recommendations, oldest first, with their current stage" })
  @ApiResponse({ status: 200, description: 'Oldest first', type: RecommendationListDto })
  @ApiResponse({ status: 400, description: 'year missing or not between 2000 and 2100, an unknown stage, or minPosition not a position' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
  async list(@Query() { year, stage, minPosition }: ListRecommendationsParams): Promise<RecommendationListDto> {
    return { items: await this.queryBus.execute(new ListRecommendationsQuery(year, stage, minPosition)) };
  }
}

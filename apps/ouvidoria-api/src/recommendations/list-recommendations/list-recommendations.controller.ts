import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, READERS } from '../../auth/access';
import { ListRecommendationsParams } from './list-recommendations.dto';
import { ListRecommendationsQuery } from './list-recommendations.query';

@ApiTags('recommendations')
@Controller('recommendations')
export class ListRecommendationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: "A year's recommendations, oldest first, with their current stage" })
  async list(@Query() { year, stage, minPosition }: ListRecommendationsParams) {
    return { items: await this.queryBus.execute(new ListRecommendationsQuery(year, stage, minPosition)) };
  }
}

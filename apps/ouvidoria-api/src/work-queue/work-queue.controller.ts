import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetStats } from './get-stats.query';
import { ListManifestationsParams, StatsParams } from './work-queue.dto';
import { ListManifestations } from './list-manifestations.query';
import { Access, READERS } from '../auth/access';

const DEFAULT_LIMIT = 50;

@ApiTags('work-queue')
@Access(...READERS)
@Controller()
export class WorkQueueController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('manifestations')
  @ApiOperation({ summary: 'The work queue: cases ordered by deadline, filtered, cursor-paginated' })
  @ApiResponse({ status: 200, description: '{ items: [...], nextCursor }' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
  list(@Query() params: ListManifestationsParams) {
    const { receivedFrom, receivedTo, overdue, limit, minPosition, ...rest } = params;
    return this.queryBus.execute(
      new ListManifestations(
        {
          ...rest,
          overdue: overdue === undefined ? undefined : overdue === 'true',
          receivedFrom: receivedFrom ? new Date(receivedFrom) : undefined,
          receivedTo: receivedTo ? new Date(receivedTo) : undefined,
          limit: limit ?? DEFAULT_LIMIT,
        },
        minPosition,
      ),
    );
  }

  @Get('stats')
  @ApiOperation({ summary: 'Open, overdue and due-within-2-business-days counts, and per department' })
  @ApiResponse({ status: 200, description: '{ open, overdue, dueWithin2BusinessDays, departments: [...] }' })
  stats(@Query() { minPosition }: StatsParams) {
    return this.queryBus.execute(new GetStats(minPosition));
  }
}


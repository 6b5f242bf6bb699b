import type { BusinessCalendar, DecisionContext } from '@app/domain';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GetStatsQuery } from './get-stats.query';
import { QueuePageDto, QueueStatsDto } from './queue-page.dto';
import { ListManifestationsParams, StatsParams } from './work-queue.dto';
import { ListManifestationsQuery } from './list-manifestations.query';
import { Access, READERS } from '../auth/access';
import { DECISION_CONTEXT } from '../application/ports';
import { isIsoDate } from '../input/validators';

const DEFAULT_LIMIT = 50;
const DAY_MS = 86_400_000;

/** A plain date means that whole local day: `receivedFrom` from its start, `receivedTo` through its end. */
function receivedBound(value: string | undefined, edge: 'from' | 'to', calendar: BusinessCalendar): Date | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) return new Date(value);
  const day = edge === 'from' ? value : new Date(Date.parse(value) + DAY_MS).toISOString().slice(0, 10);
  return calendar.startOfLocalDay(day);
}

@ApiTags('work-queue')
@Access(...READERS)
@Controller()
export class WorkQueueController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
  ) {}

  @Get('manifestations')
  @ApiOperation({ summary: 'The work queue: manifestations ordered by deadline, filtered, cursor-paginated' })
  @ApiResponse({ status: 200, description: 'A page of the queue, soonest deadline first', type: QueuePageDto })
  @ApiResponse({ status: 400, description: 'An invalid filter, limit or cursor (each named in errors)' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
  list(@Query() params: ListManifestationsParams) {
    const { receivedFrom, receivedTo, overdue, limit, minPosition, ...rest } = params;
    return this.queryBus.execute(
      new ListManifestationsQuery(
        {
          ...rest,
          overdue: overdue === undefined ? undefined : overdue === 'true',
          receivedFrom: receivedBound(receivedFrom, 'from', this.context.calendar),
          receivedTo: receivedBound(receivedTo, 'to', this.context.calendar),
          limit: limit ?? DEFAULT_LIMIT,
        },
        minPosition,
      ),
    );
  }

  @Get('stats')
  @ApiOperation({ summary: 'Open, overdue and due-within-2-business-days counts, and per department' })
  @ApiResponse({ status: 200, description: 'The counts', type: QueueStatsDto })
  @ApiResponse({ status: 400, description: 'minPosition is not a position' })
  @ApiResponse({ status: 503, description: 'minPosition not reached within 2 s (Retry-After)' })
  stats(@Query() { minPosition }: StatsParams) {
    return this.queryBus.execute(new GetStatsQuery(minPosition));
  }
}

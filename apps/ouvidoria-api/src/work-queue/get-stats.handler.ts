import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../application/ports';
import { ReadModels } from '../projections/read-models';
import { GetStatsQuery } from './get-stats.query';
import { WORK_QUEUE } from './work-queue.projection';
import { WorkQueueReader, type QueueStats } from './work-queue.reader';

@QueryHandler(GetStatsQuery)
export class GetStatsHandler implements IQueryHandler<GetStatsQuery, QueueStats> {
  constructor(
    private readonly reader: WorkQueueReader,
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ minPosition }: GetStatsQuery): Promise<QueueStats> {
    await this.readModels.awaitPosition(WORK_QUEUE, minPosition);
    return this.reader.stats(this.clock.now());
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../application/ports';
import { ProjectionRunner } from '../projections/projection-runner';
import { awaitPosition } from '../projections/read-your-writes';
import { GetStats } from './get-stats.query';
import { ListManifestations } from './list-manifestations.query';
import { WORK_QUEUE_READER, WorkQueueReader, type QueuePage, type QueueStats } from './work-queue.reader';

const PROJECTION = 'work-queue';

@QueryHandler(ListManifestations)
export class ListManifestationsHandler implements IQueryHandler<ListManifestations, QueuePage> {
  constructor(
    @Inject(WORK_QUEUE_READER) private readonly reader: WorkQueueReader,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, minPosition }: ListManifestations): Promise<QueuePage> {
    await awaitPosition(this.runner, PROJECTION, minPosition);
    return this.reader.list(filter, this.clock.now());
  }
}

@QueryHandler(GetStats)
export class GetStatsHandler implements IQueryHandler<GetStats, QueueStats> {
  constructor(
    @Inject(WORK_QUEUE_READER) private readonly reader: WorkQueueReader,
    private readonly runner: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ minPosition }: GetStats): Promise<QueueStats> {
    await awaitPosition(this.runner, PROJECTION, minPosition);
    return this.reader.stats(this.clock.now());
  }
}

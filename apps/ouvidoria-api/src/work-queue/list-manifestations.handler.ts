import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../application/ports';
import { ReadModels } from '../projections/read-models';
import { ListManifestationsQuery } from './list-manifestations.query';
import { WORK_QUEUE } from './work-queue.projection';
import { WorkQueueReader, type QueuePage } from './work-queue.reader';

@QueryHandler(ListManifestationsQuery)
export class ListManifestationsHandler implements IQueryHandler<ListManifestationsQuery, QueuePage> {
  constructor(
    private readonly reader: WorkQueueReader,
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter, minPosition }: ListManifestationsQuery): Promise<QueuePage> {
    await this.readModels.awaitPosition(WORK_QUEUE, minPosition);
    return this.reader.list(filter, this.clock.now());
  }
}

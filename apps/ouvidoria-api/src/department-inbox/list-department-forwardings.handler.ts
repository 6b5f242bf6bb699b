import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ProjectionRunner } from '../projections/projection-runner';
import { awaitPosition } from '../projections/read-your-writes';
import { DEPARTMENT_INBOX_READER, DepartmentInboxReader, type InboxPage } from './department-inbox.reader';
import { ListDepartmentForwardings } from './list-department-forwardings.query';

@QueryHandler(ListDepartmentForwardings)
export class ListDepartmentForwardingsHandler implements IQueryHandler<ListDepartmentForwardings, InboxPage> {
  constructor(
    @Inject(DEPARTMENT_INBOX_READER) private readonly reader: DepartmentInboxReader,
    private readonly runner: ProjectionRunner,
  ) {}

  async execute({ department, filter, minPosition }: ListDepartmentForwardings): Promise<InboxPage> {
    await awaitPosition(this.runner, 'department-inbox', minPosition);
    return this.reader.list(department, filter);
  }
}

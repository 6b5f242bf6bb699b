import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModels } from '../projections/read-models';
import { DEPARTMENT_INBOX } from './department-inbox.projection';
import { DepartmentInboxReader, type InboxPage } from './department-inbox.reader';
import { ListDepartmentForwardingsQuery } from './list-department-forwardings.query';

@QueryHandler(ListDepartmentForwardingsQuery)
export class ListDepartmentForwardingsHandler implements IQueryHandler<ListDepartmentForwardingsQuery, InboxPage> {
  constructor(
    private readonly reader: DepartmentInboxReader,
    private readonly readModels: ReadModels,
  ) {}

  async execute({ department, filter, minPosition }: ListDepartmentForwardingsQuery): Promise<InboxPage> {
    await this.readModels.awaitPosition(DEPARTMENT_INBOX, minPosition);
    return this.reader.list(department, filter);
  }
}

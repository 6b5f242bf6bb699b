import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SUBJECT_KEYS, type SubjectKeys } from '../personal-data/subject-keys';
import { ReadModels } from '../projections/read-models';
import { DEPARTMENT_INBOX } from './department-inbox.projection';
import { DepartmentInboxReader, type InboxPage } from './department-inbox.reader';
import { ListDepartmentForwardingsQuery } from './list-department-forwardings.query';
import { openInboxPage } from './open-inbox-page';

@QueryHandler(ListDepartmentForwardingsQuery)
export class ListDepartmentForwardingsHandler implements IQueryHandler<ListDepartmentForwardingsQuery, InboxPage> {
  constructor(
    private readonly reader: DepartmentInboxReader,
    private readonly readModels: ReadModels,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
  ) {}

  async execute({ department, filter, minPosition }: ListDepartmentForwardingsQuery): Promise<InboxPage> {
    await this.readModels.awaitPosition(DEPARTMENT_INBOX, minPosition);
    return openInboxPage(this.reader.list(department, filter), this.keys);
  }
}

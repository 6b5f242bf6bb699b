import type { ForwardingStatus } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import type { InboxPage } from './department-inbox.reader';

export class ListDepartmentForwardingsQuery extends Query<InboxPage> {
  constructor(
    readonly department: string,
    readonly filter: { status?: ForwardingStatus; limit: number; cursor?: string },
    readonly minPosition?: string,
  ) {
    super();
  }
}

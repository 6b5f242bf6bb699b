import { Query } from '@nestjs/cqrs';
import type { ReaReport } from './rea-report';

export class GetReaReportQuery extends Query<ReaReport> {
  constructor(
    readonly year: number,
    readonly minPosition?: string,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { CaseSnapshot } from '../../application/case-reader';

/** The case folded from its stream; null when no such case exists. */
export class GetManifestation extends Query<CaseSnapshot | null> {
  constructor(readonly protocol: string) {
    super();
  }
}

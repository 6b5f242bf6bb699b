import type { Manifestation } from '@app/domain';
import { Query } from '@nestjs/cqrs';

export interface CaseSnapshot {
  manifestation: Manifestation;
  revision: bigint;
}

/** The case folded from its stream; null when no such case exists. */
export class GetManifestation extends Query<CaseSnapshot | null> {
  constructor(readonly protocol: string) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { CaseSnapshot } from '../../application/case-reader';

/** The case folded from its stream, now or as it stood at `asOf`; null when no such case exists (then). */
export class GetManifestation extends Query<CaseSnapshot | null> {
  constructor(
    readonly protocol: string,
    readonly asOf?: Date,
  ) {
    super();
  }
}

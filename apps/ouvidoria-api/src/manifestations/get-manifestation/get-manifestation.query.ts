import type { Manifestation } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';

/** The manifestation folded from its stream, now or as it stood at `asOf` (ISO instant); null when it did not exist (then). */
export class GetManifestationQuery extends Query<Outcome<Manifestation> | null> {
  constructor(
    readonly protocol: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

import type { Manifestation } from '@app/domain';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import { ManifestationStreams } from '../manifestation-streams';
import { GetManifestationQuery } from './get-manifestation.query';

@QueryHandler(GetManifestationQuery)
export class GetManifestationHandler implements IQueryHandler<GetManifestationQuery, Outcome<Manifestation> | null> {
  constructor(private readonly manifestations: ManifestationStreams) {}

  execute({ protocol, asOf }: GetManifestationQuery): Promise<Outcome<Manifestation> | null> {
    return this.manifestations.load(protocol, { asOf: asOf === undefined ? undefined : new Date(asOf) });
  }
}

import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseReader, type CaseSnapshot } from '../../application/case-reader';
import { GetManifestation } from './get-manifestation.query';

@QueryHandler(GetManifestation)
export class GetManifestationHandler implements IQueryHandler<GetManifestation, CaseSnapshot | null> {
  constructor(private readonly cases: CaseReader) {}

  execute({ protocol, asOf }: GetManifestation): Promise<CaseSnapshot | null> {
    return this.cases.load(protocol, { asOf });
  }
}

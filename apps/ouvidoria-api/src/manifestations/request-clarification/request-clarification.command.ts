import type { Manifestation, RequestClarification } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

export class RequestClarificationCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: Omit<RequestClarification['data'], 'clarificationId'>,
  ) {
    super();
  }
}

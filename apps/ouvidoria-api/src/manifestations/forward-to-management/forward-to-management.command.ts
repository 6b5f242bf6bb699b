import type { ForwardToManagement, Manifestation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { ManifestationTarget } from '../manifestation-action';

/** The forwarding's id is given by the handler; `dueInBusinessDays` defaults to 3. */
export type ForwardingRequest = Omit<ForwardToManagement['data'], 'forwardingId' | 'dueInBusinessDays'> & { dueInBusinessDays?: number };

export class ForwardToManagementCommand extends Command<Outcome<Manifestation>> {
  constructor(
    readonly target: ManifestationTarget,
    readonly data: ForwardingRequest,
  ) {
    super();
  }
}

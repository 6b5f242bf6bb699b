import {
  decide,
  evolve,
  initialState,
  type DecisionContext,
  type Manifestation,
  type ManifestationCommand,
  type ManifestationState,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { CommandPath, type RunOptions } from './command-path';
import { DECISION_CONTEXT } from './decision-context.provider';
import { manifestationStreamId } from './manifestation-stream';

export interface CaseOutcome {
  manifestation: Manifestation;
  /** Stream revision after the command: the case's ETag. */
  revision: bigint;
  /** Global position of the last event written. */
  position: bigint;
}

const manifestationDecider = { decide, evolve, initialState };

/** The command path of manifestation streams (`manifestation-<protocol>`). */
@Injectable()
export class ManifestationCommandPath {
  constructor(
    private readonly commandPath: CommandPath,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
  ) {}

  async run(
    protocol: string,
    command: (now: Date) => ManifestationCommand,
    options: RunOptions<ManifestationState>,
  ): Promise<CaseOutcome> {
    const { state, revision, position } = await this.commandPath.run(
      manifestationDecider,
      this.context,
      manifestationStreamId(protocol),
      command,
      options,
    );
    // Every command decided on a case leaves a case: registration creates it, the rest need it.
    return { manifestation: state as Manifestation, revision, position };
  }
}

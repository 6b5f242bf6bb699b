import {
  manifestationDecider,
  manifestationStreamId,
  type DecisionContext,
  type Manifestation,
  type ManifestationCommand,
  type ManifestationEvent,
  type ManifestationState,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { CommandPath, type Outcome, type RunOptions, type UpTo } from '../application/command-path';
import { DeciderStreams } from '../application/decider-streams';
import { DECISION_CONTEXT } from '../application/ports';

/** Manifestation streams (`manifestation-<protocol>`) on the one command path. */
@Injectable()
export class ManifestationStreams {
  private readonly streams: DeciderStreams<ManifestationCommand, ManifestationState, ManifestationEvent, DecisionContext>;

  constructor(path: CommandPath, @Inject(DECISION_CONTEXT) context: DecisionContext) {
    this.streams = new DeciderStreams(path, manifestationDecider, context, manifestationStreamId);
  }

  /** Every command decided on a manifestation leaves one: registration creates it, the others need it. */
  async act(
    protocol: string,
    build: (now: Date) => ManifestationCommand,
    options: RunOptions<ManifestationState>,
  ): Promise<Outcome<Manifestation>> {
    const outcome = await this.streams.act(protocol, build, options);
    return { ...outcome, state: outcome.state as Manifestation };
  }

  /** The manifestation folded from its stream; null when there is none (yet, at `upTo`). */
  load(protocol: string, upTo?: UpTo): Promise<Outcome<Manifestation> | null> {
    // A stream with events folds into a registered manifestation.
    return this.streams.load(protocol, upTo) as Promise<Outcome<Manifestation> | null>;
  }
}

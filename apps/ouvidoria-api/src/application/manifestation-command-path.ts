import {
  decide,
  evolve,
  type DecisionContext,
  type Manifestation,
  type ManifestationCommand,
  type ManifestationState,
} from '@app/domain';
import { EVENT_STORE, WrongExpectedRevision, type EventStore, type NewEvent } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { DECISION_CONTEXT } from './decision-context.provider';
import { ConcurrentModification, PreconditionFailed } from './errors';
import { foldManifestation, manifestationStreamId } from './manifestation-stream';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator, type RequestMeta } from './ports';

export interface CaseOutcome {
  manifestation: Manifestation;
  /** Stream revision after the command: the case's ETag. */
  revision: bigint;
  /** Global position of the last event written. */
  position: bigint;
}

export interface RunOptions {
  meta: RequestMeta;
  /** From `If-Match`: the revision the client last saw. */
  ifMatch?: bigint;
  /**
   * Throws when the caller may not see this case (e.g. a department it was not forwarded to).
   * Runs before any other check, so that a refusal says nothing about the case.
   */
  authorize?: (state: ManifestationState) => void;
}

/**
 * The one write path every command takes: load the stream, fold it, decide, append with the
 * revision that was loaded. The store's optimistic check settles races; a loser is retried once
 * (the command may still be valid on the new state) unless the client pinned a revision.
 */
@Injectable()
export class ManifestationCommandPath {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async run(protocol: string, command: (now: Date) => ManifestationCommand, options: RunOptions): Promise<CaseOutcome> {
    const streamId = manifestationStreamId(protocol);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(streamId, command, options);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        // A client that pinned a revision lost the race for it: its precondition no longer holds.
        if (options.ifMatch !== undefined) {
          throw new PreconditionFailed(options.ifMatch, error.actual === 'no_stream' ? null : error.actual);
        }
        if (attempt >= 2) throw new ConcurrentModification(streamId);
      }
    }
  }

  private async attempt(streamId: string, build: (now: Date) => ManifestationCommand, options: RunOptions) {
    const stored = await this.store.readStream(streamId);
    const current = stored.length > 0 ? stored[stored.length - 1].revision : null;
    const state = foldManifestation(stored);
    options.authorize?.(state);
    // An unknown case is a 404 from the decider, not a precondition failure.
    if (options.ifMatch !== undefined && current !== null && options.ifMatch !== current) {
      throw new PreconditionFailed(options.ifMatch, current);
    }
    const now = this.clock.now();
    const decided = decide(build(now), state, this.context);
    const events: NewEvent[] = decided.map((event) => {
      const eventId = this.ids.uuid();
      const metadata = { eventId, occurredAt: now.toISOString(), ...options.meta };
      return { id: eventId, type: event.type, data: event.data as unknown as Record<string, unknown>, metadata };
    });
    const result = await this.store.append(streamId, events, current ?? 'no_stream');
    const manifestation = decided.reduce(evolve, state) as Manifestation;
    return { manifestation, revision: result.nextRevision, position: result.position };
  }
}

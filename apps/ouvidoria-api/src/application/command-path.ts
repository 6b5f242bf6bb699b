import type { Decider } from '@app/domain';
import { DamagedEvent, EVENT_STORE, WrongExpectedRevision, type EventStore, type NewEvent, type RecordedEvent } from '@app/event-store';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConcurrentModification, PreconditionFailed } from './errors';
import { CLOCK, ID_GENERATOR, WRITE_OBSERVER, type Clock, type IdGenerator, type RequestMeta, type WriteObserver } from './ports';

export interface Outcome<State> {
  state: State;
  /** Stream revision after the command (or of the last event read): the ETag. */
  revision: bigint;
  /** Global position of that event: read models that reached it show it. */
  position: bigint;
}

export interface RunOptions<State> {
  meta: RequestMeta;
  /** From `If-Match`: the revision the client last saw. */
  ifMatch?: bigint;
  /**
   * Throws when the caller may not see this stream (e.g. a department a manifestation was not
   * forwarded to). Runs before any other check, so that a refusal says nothing about the stream.
   */
  authorize?: (state: State) => void;
}

/** A revision as plain data carries it (a command's `ifMatch`), as the command path takes it. */
export const revisionOf = (ifMatch: number | undefined): bigint | undefined => (ifMatch === undefined ? undefined : BigInt(ifMatch));

/** A stream as it stands, or as it stood at a revision or an instant (events recorded up to it). */
export interface UpTo {
  revision?: bigint;
  asOf?: Date;
}

type AnyDecider<State, Event extends { type: string }> = Decider<unknown, State, Event, unknown>;

/** Folds stored events with a decider: the one way any stream is read into its state. */
export const fold = <State, Event extends { type: string }>(decider: AnyDecider<State, Event>, events: RecordedEvent[]): State =>
  events.reduce((state, event) => decider.evolve(state, decider.decode(event)), decider.initialState());

/**
 * The one write path every command takes, and the one read path of a folded stream: load the
 * stream, fold it, decide, append with the revision that was loaded. The store's optimistic check
 * settles races; a loser is retried once (the command may still be valid on the new state) unless
 * the client pinned a revision.
 */
@Injectable()
export class CommandPath {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Optional() @Inject(WRITE_OBSERVER) private readonly observer?: WriteObserver,
  ) {}

  /** The folded stream, or null when it has no events (up to the limit). */
  async load<State, Event extends { type: string }>(
    decider: AnyDecider<State, Event>,
    streamId: string,
    { revision, asOf }: UpTo = {},
  ): Promise<Outcome<State> | null> {
    const events = (await this.store.readStream(streamId)).filter(
      (event) =>
        (revision === undefined || event.revision <= revision) && (asOf === undefined || Date.parse(event.recordedAt) <= asOf.getTime()),
    );
    const last = events[events.length - 1];
    return last ? { state: fold(decider, events), revision: last.revision, position: last.position } : null;
  }

  /**
   * The stream's events; a damaged one (which reading reports by stream) is shown only to callers
   * who may see the stream: one who may not gets the refusal it gets for any stream it may not see.
   */
  private async readForCaller<State>(streamId: string, { authorize }: Pick<RunOptions<State>, 'authorize'>): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof DamagedEvent && authorize) authorize(null as State);
      throw error;
    }
  }

  async run<Command, State, Event extends { type: string }, Context>(
    decider: Decider<Command, State, Event, Context>,
    context: Context,
    streamId: string,
    build: (now: Date) => Command,
    options: RunOptions<State>,
  ): Promise<Outcome<State>> {
    const started = performance.now();
    let type = 'unknown';
    let outcome = 'accepted';
    const building = (now: Date) => {
      const command = build(now);
      type = (command as { type?: unknown }).type?.toString() ?? type;
      return command;
    };
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attempt(decider, context, streamId, building, options);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevision)) throw error;
          // A client that pinned a revision lost the race for it: its precondition no longer holds.
          if (options.ifMatch !== undefined) {
            throw new PreconditionFailed(options.ifMatch, error.actual === 'no_stream' ? null : error.actual);
          }
          if (attempt >= 2) throw new ConcurrentModification(streamId);
        }
      }
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      this.observe((o) => o.command(type, outcome, (performance.now() - started) / 1000));
    }
  }

  /** Metrics never change an outcome: an observer that throws is ignored (the write stands). */
  private observe(report: (observer: WriteObserver) => void): void {
    try {
      if (this.observer) report(this.observer);
    } catch {
      // a metric lost, nothing else
    }
  }

  private async attempt<Command, State, Event extends { type: string }, Context>(
    decider: Decider<Command, State, Event, Context>,
    context: Context,
    streamId: string,
    build: (now: Date) => Command,
    options: RunOptions<State>,
  ): Promise<Outcome<State>> {
    const stored = await this.readForCaller(streamId, options);
    const current = stored.length > 0 ? stored[stored.length - 1].revision : null;
    const state = fold(decider as AnyDecider<State, Event>, stored);
    options.authorize?.(state);
    // An unknown stream is the decider's 404, not a precondition failure.
    if (options.ifMatch !== undefined && current !== null && options.ifMatch !== current) {
      throw new PreconditionFailed(options.ifMatch, current);
    }
    const now = this.clock.now();
    const decided = decider.decide(build(now), state, context);
    // Nothing to record (the command was already done): nothing is appended.
    if (decided.length === 0) return { state, revision: current ?? -1n, position: stored.at(-1)?.position ?? 0n };
    const events: NewEvent[] = decided.map((event) => {
      const eventId = this.ids.uuid();
      const metadata = { eventId, occurredAt: now.toISOString(), ...options.meta };
      const { data } = event as unknown as { data: Record<string, unknown> };
      return { id: eventId, type: event.type, data, metadata };
    });
    const appending = performance.now();
    const result = await this.store.append(streamId, events, current ?? 'no_stream');
    this.observe((o) => o.append((performance.now() - appending) / 1000));
    return { state: decided.reduce(decider.evolve, state), revision: result.nextRevision, position: result.position };
  }
}

/** A failed command's outcome label: the refusal's code, or what kind of failure it was (never a message). */
function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return code;
  if (error instanceof PreconditionFailed) return 'REVISION_MISMATCH';
  if (error instanceof ConcurrentModification) return 'CONCURRENT_MODIFICATION';
  return error instanceof Error ? error.name : 'error';
}

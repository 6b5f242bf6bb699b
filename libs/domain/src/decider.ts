/**
 * A pure decider: what a stream's commands become, how its events fold into its state, and how a
 * stored event reads back as one of its events (older shapes upcast in that one place).
 */
export interface Decider<Command, State, Event extends { type: string }, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  decode(stored: StoredEvent): Event;
}

/** What the domain needs of a stored event: its type and data, whatever store it came from. */
export interface StoredEvent {
  type: string;
  data: unknown;
}

/** For exhaustive switches over event types: a new event type fails to compile until handled. */
export function unhandled(event: never): never {
  throw new Error(`unhandled event ${(event as { type: string }).type}`);
}

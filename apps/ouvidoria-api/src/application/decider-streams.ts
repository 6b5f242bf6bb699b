import type { Decider } from '@app/domain';
import type { CommandPath, Outcome, RunOptions, UpTo } from './command-path';

/** One kind of stream bound to its decider, its context and its stream ids: act on one, or read it. */
export class DeciderStreams<Command, State, Event extends { type: string }, Context> {
  constructor(
    private readonly path: CommandPath,
    private readonly decider: Decider<Command, State, Event, Context>,
    private readonly context: Context,
    private readonly streamIdOf: (id: string) => string,
  ) {}

  act(id: string, build: (now: Date) => Command, options: RunOptions<State>): Promise<Outcome<State>> {
    return this.path.run(this.decider, this.context, this.streamIdOf(id), build, options);
  }

  load(id: string, upTo?: UpTo): Promise<Outcome<State> | null> {
    return this.path.load(this.decider as Decider<unknown, State, Event, unknown>, this.streamIdOf(id), upTo);
  }
}

import type { Actor } from '@app/event-store';

/** Small ports the application layer depends on; adapters are bound in the infrastructure module. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('Clock');

export interface IdGenerator {
  uuid(): string;
}
export const ID_GENERATOR = Symbol('IdGenerator');

/** Hands out 1, 2, 3, ... per key, never the same number twice, across restarts and processes. */
export interface DailySequence {
  next(day: string): Promise<number>;
}
export const DAILY_SEQUENCE = Symbol('DailySequence');

/** Who asked, and which request an event answers. */
export interface RequestMeta {
  actor: Actor;
  correlationId: string;
  causationId: string;
}

/** The calendar and RN 323 rules the deciders decide with (the domain's `DecisionContext`), from the configuration. */
export const DECISION_CONTEXT = Symbol('DecisionContext');

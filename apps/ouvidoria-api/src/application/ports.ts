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

/**
 * What the write path tells the metrics (`WriteMetrics`): each command's outcome and time, each
 * append's time. `outcome` is `accepted`, or the refusal's code (`NOT_FOUND`, `REVISION_MISMATCH`, ...).
 */
export interface WriteObserver {
  command(type: string, outcome: string, seconds: number): void;
  append(seconds: number): void;
}
export const WRITE_OBSERVER = Symbol('WriteObserver');

/** The calendar and RN 323 rules the deciders decide with (the domain's `DecisionContext`), from the configuration. */
export const DECISION_CONTEXT = Symbol('DecisionContext');

/** An access code as handed to the requester once (`code`), and what is kept of it (`hash`). */
export interface IssuedAccessCode {
  code: string;
  hash: string;
}

/** The requester's access codes: random, easy to read aloud, kept only as a slow salted hash. */
export interface AccessCodes {
  issue(): Promise<IssuedAccessCode>;
  /** Whether `code` (as typed: any case, dashes and spaces allowed) is the one `hash` was made of; as slow when `hash` is absent. */
  matches(code: string, hash: string | undefined): Promise<boolean>;
}
export const ACCESS_CODES = Symbol('AccessCodes');

/** The log the read models follow: as stored, personal values sealed (see `ReadModels`). */
export const READ_MODEL_LOG = Symbol('ReadModelLog');

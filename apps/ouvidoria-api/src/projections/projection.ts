import type { RecordedEvent } from '@app/event-store';
import type Database from 'better-sqlite3';

/**
 * A read model built from the global log. `apply` runs inside the runner's transaction, together
 * with the checkpoint: an event's effect and the record that it was applied commit as one.
 */
export interface Projection {
  readonly name: string;
  /**
   * Raised whenever what the projection stores changes meaning: a read model written by another
   * schema version is discarded and rebuilt from the log when it is opened.
   */
  readonly schemaVersion: number;
  /**
   * Whether it reads personal values (the REA report counts the late and reversal reasons): it then
   * follows the log opened; the others follow it as stored, personal values sealed (`ReadModels`).
   */
  readonly readsPersonalValues?: boolean;
  /** Creates the projection's tables when missing; runs at every start. */
  migrate(db: Database.Database): void;
  /** Applies one event of the log; events the projection does not care about are ignored. */
  apply(db: Database.Database, event: RecordedEvent): void;
}

import type Database from 'better-sqlite3';
import type { ReadModelStorage } from '../src/projections/read-model-storage';

/** Every projection in one given database, at version 1, never switched: for tests that read the tables. */
export const oneDatabase = (db: Database.Database): ReadModelStorage => ({
  activeVersion: () => 1,
  open: () => db,
  retireBefore: () => undefined,
  remove: () => undefined,
});

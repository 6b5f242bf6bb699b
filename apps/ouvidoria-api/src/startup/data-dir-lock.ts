import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { StartupFailure } from './startup-failure';

/** Under DATA_DIR: the lock file (an SQLite database held in an exclusive transaction) and who holds it. */
export const LOCK_FILE = 'server.lock';
const HOLDER_FILE = 'server.lock.holder';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/**
 * One server per DATA_DIR: two would each follow the log into the same read-model files and
 * relay progress. The lock is SQLite's own file lock (POSIX advisory locks), taken by an
 * exclusive transaction that stays open while the process lives; the operating system drops it
 * when the process ends in any way, `kill -9` included, so a crash never leaves a stale lock. The
 * CLI's commands do not take it: those that are safe beside a server keep working.
 */
export function lockDataDir(dataDir: string, now: () => Date = () => new Date()): { release(): void } {
  const lock = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new StartupFailure(
      `DATA_DIR ${dataDir} is in use by another server (${describe(readHolder(dataDir))}): stop it, or give this one its own DATA_DIR`,
    );
  }
  const holder: Holder = { pid: process.pid, host: hostname(), since: now().toISOString() };
  writeFileSync(join(dataDir, HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  return { release: () => lock.close() };
}

function readHolder(dataDir: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, HOLDER_FILE), 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

const describe = (holder: Holder | undefined) =>
  holder ? `process ${holder.pid} on ${holder.host}, started ${holder.since}` : 'a process that has not said who it is yet';

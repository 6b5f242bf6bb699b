import { openDatabase } from '@app/event-store';
import type Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where each projection's read model lives, and which version of it is live. */
export interface ReadModelStorage {
  /** The live version of a projection's read model; 1 before any rebuild. */
  activeVersion(name: string): number;
  /** Opens a version's database, creating it when missing. */
  open(name: string, version: number): Database.Database;
  /** Closes and removes the versions older than `version`, which nobody reads any more. */
  retireBefore(name: string, version: number, open?: Database.Database): void;
}

/**
 * One SQLite file per projection and version in a directory: `work-queue.v1.sqlite`, and beside
 * it `work-queue.active` naming the live version. A rebuild writes `v2` while `v1` serves, then
 * replaces `.active` (write + rename: atomic), and whoever runs the projection switches to it.
 * Read models are rebuilt from the log, so they commit with synchronous=NORMAL.
 */
export class ReadModelDirectory implements ReadModelStorage {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  activeVersion(name: string): number {
    const file = this.activeFile(name);
    if (!existsSync(file)) return 1;
    const version = Number(readFileSync(file, 'utf8').trim());
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`${file} does not hold a version number`);
    return version;
  }

  open(name: string, version: number): Database.Database {
    return openDatabase(this.fileOf(name, version), 'NORMAL');
  }

  /** Makes `version` the live one. */
  activate(name: string, version: number): void {
    const temporary = `${this.activeFile(name)}.${process.pid}.tmp`;
    writeFileSync(temporary, String(version));
    renameSync(temporary, this.activeFile(name));
  }

  retireBefore(name: string, version: number, open?: Database.Database): void {
    open?.close();
    for (const old of this.versions(name).filter((v) => v < version)) this.remove(name, old);
  }

  /** Removes a version's files (a rebuild's leftovers before it starts over). */
  remove(name: string, version: number): void {
    const file = this.fileOf(name, version);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  /**
   * Holds `name`'s rebuild lock while `run` runs: two rebuilds of one projection never race.
   * A lock left by a process that died is taken over.
   */
  async withRebuildLock<T>(name: string, run: () => Promise<T>): Promise<T> {
    const lock = join(this.dir, `${name}.rebuild.lock`);
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lock, 'utf8'));
      if (isAlive(holder)) throw new Error(`a rebuild of ${name} is already running (pid ${holder})`);
      rmSync(lock, { force: true });
      fd = openSync(lock, 'wx');
    }
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
    try {
      return await run();
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private versions(name: string): number[] {
    const pattern = new RegExp(`^${name}\\.v(\\d+)\\.sqlite$`);
    return readdirSync(this.dir).flatMap((file) => {
      const match = pattern.exec(file);
      return match ? [Number(match[1])] : [];
    });
  }

  private fileOf(name: string, version: number): string {
    return join(this.dir, `${name}.v${version}.sqlite`);
  }

  private activeFile(name: string): string {
    return join(this.dir, `${name}.active`);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

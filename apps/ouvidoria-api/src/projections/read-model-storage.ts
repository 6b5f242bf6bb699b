import { openDatabase } from '@app/event-store';
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** Where each projection's read model lives, and which version of it is live. */
export interface ReadModelStorage {
  /** The live version of a projection's read model; 1 before any rebuild. */
  activeVersion(name: string): number;
  /** Opens a version's database, creating it when missing. */
  open(name: string, version: number): Database.Database;
  /** Closes and removes the versions older than `version`, which nobody reads any more. */
  retireBefore(name: string, version: number, open?: Database.Database): void;
  /** Removes a version's files. */
  remove(name: string, version: number): void;
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
    const db = openDatabase(this.fileOf(name, version), 'NORMAL');
    // Personal values a read model drops on erasure are overwritten in the file, not merely unlinked.
    db.pragma('secure_delete = ON');
    return db;
  }

  /** Makes `version` the live one: written, synced, renamed over the old pointer, directory synced. */
  activate(name: string, version: number): void {
    const temporary = `${this.activeFile(name)}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, String(version));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.activeFile(name));
    const dir = openSync(this.dir, 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
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
   * Holds `name`'s rebuild lock while `run` runs: two rebuilds of one projection never race. The
   * lock is an exclusive SQLite transaction on `<name>.rebuild.lock`, which the operating system
   * releases when the process ends, however it ends: a rebuild killed half-way leaves no lock.
   */
  async withRebuildLock<T>(name: string, run: () => Promise<T>): Promise<T> {
    const lock = new Database(join(this.dir, `${name}.rebuild.lock`), { timeout: 0 });
    try {
      try {
        lock.exec('BEGIN EXCLUSIVE');
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY')
          throw new Error(`a rebuild of ${name} is already running`, { cause: error });
        throw error;
      }
      return await run();
    } finally {
      lock.close(); // rolls back the empty transaction and releases the lock
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

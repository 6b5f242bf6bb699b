import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Writes a file until the disk has no room left. */
  fill(): void;
  /** Removes that file: the disk has room again. */
  free(): void;
  unmount(): void;
}

/**
 * A real, small file system (tmpfs of `sizeMiB`) at a fresh folder, so that writes meet ENOSPC
 * exactly as on a full disk. Needs root (CI is root); null when this machine does not allow the mount.
 */
export function mountSmallDisk(sizeMiB: number): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmdirSync(dir);
    return null;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // Fill the last partial chunk too.
        for (let size = chunk.length / 2; size >= 512; size /= 2) {
          try {
            for (;;) writeSync(fd, chunk.subarray(0, size));
          } catch {
            // next, smaller size
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmdirSync(dir);
    },
  };
}

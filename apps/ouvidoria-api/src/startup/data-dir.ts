import { accessSync, constants, mkdirSync } from 'node:fs';
import { errnoOf, StartupFailure } from './startup-failure';

/** DATA_DIR exists (made if not) and this user may write to it; else a one-line reason. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = errnoOf(error);
    const who = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new StartupFailure(`DATA_DIR ${dataDir} is not writable by this user${who} (${code}): fix its owner or mode, or set DATA_DIR`);
    }
    if (code === 'ENOTDIR' || code === 'EEXIST')
      throw new StartupFailure(`DATA_DIR ${dataDir} is not a folder (${code}): set DATA_DIR to a folder`);
    if (code === 'ENOSPC') throw new StartupFailure(`DATA_DIR ${dataDir} cannot be created: no space left on its disk`);
    throw error;
  }
}

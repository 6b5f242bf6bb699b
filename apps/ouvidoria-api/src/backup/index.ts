import type { AppConfig } from '../config/app-config';
import { backup } from './backup';
import { Refused } from './refused';
import { describeRequired } from './required-settings';
import { restore } from './restore';

/** Where the commands write: lines for the operator, and problems. */
export interface Terminal {
  out: (line: string) => void;
  err: (line: string) => void;
}

const MIB = 1024 * 1024;

/** `backup --to DIR`: exit 0 with a summary, 1 with one line when refused. */
export async function backupCommand(config: AppConfig, to: string, terminal: Terminal): Promise<number> {
  const started = Date.now();
  return refusalsAsExitCode(terminal, async () => {
    const manifest = await backup(config, to);
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    terminal.out(
      `backed up ${manifest.log.events} events (to position ${manifest.log.lastPosition}) in ${manifest.files.length} files, ` +
        `${(bytes / MIB).toFixed(1)} MiB, to ${to} in ${seconds} s`,
    );
    const required = describeRequired(manifest.requires);
    if (required) terminal.out(required);
    return 0;
  });
}

/** `restore --from DIR`: exit 0 once the restored log verifies, 1 when refused or when it does not. */
export async function restoreCommand(config: AppConfig, from: string, terminal: Terminal): Promise<number> {
  return refusalsAsExitCode(terminal, async () => {
    const { manifest, log, problem } = await restore(config, from);
    terminal.out(`restored ${manifest.files.length} files of the backup taken at ${manifest.createdAt} into ${config.dataDir}`);
    if (problem) {
      terminal.err(problem);
      return 1;
    }
    terminal.out(`intact: ${log.events} events in ${log.streams} streams, ${log.seals} seals checked`);
    terminal.out('start the server on this DATA_DIR: its read models are rebuilt from the log at start');
    const required = describeRequired(manifest.requires);
    if (required) terminal.out(required);
    return 0;
  });
}

async function refusalsAsExitCode(terminal: Terminal, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    terminal.err(error.message);
    return 1;
  }
}

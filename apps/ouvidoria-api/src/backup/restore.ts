import { SqliteEventStore } from '@app/event-store';
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { verifyLog, type LogReport } from '../audit';
import type { AppConfig } from '../config/app-config';
import { EVENTS_FILE } from '../infrastructure/event-store';
import { copyDurably, emptyAgain, hashFile, isEmptyOrMissing, PRIVATE_FOLDER, syncFolder } from './durable-files';
import { damageOf, MANIFEST_FILE, parseManifest, type BackedUpFile, type Manifest } from './manifest';
import { Refused } from './refused';

export interface RestoreReport {
  manifest: Manifest;
  /** The restored log's hash chains and seals, as `audit:verify` checks them. */
  log: LogReport;
  /** Null when the restored log verifies and holds the events the manifest counted. */
  problem: string | null;
}

/**
 * Restores a backup into DATA_DIR, which must be empty or missing. Every file is checked against
 * the manifest (size, SHA-256) before anything is written; then each is copied under a temp name,
 * checked again and fsynced, and only then are all renamed into place. A refusal or a failure
 * leaves DATA_DIR as it was. Ends by verifying the restored log's hash chains and seals.
 */
export async function restore(config: AppConfig, from: string): Promise<RestoreReport> {
  if (config.eventStore.kind === 'kurrentdb') {
    throw new Refused(
      "EVENT_STORE=kurrentdb: restore writes the embedded store's files; restore the cluster with KurrentDB's own procedure " +
        '(KurrentDB docs, "Backup and restore")',
    );
  }
  const source = resolve(from);
  const { dataDir } = config;
  if (!(await isEmptyOrMissing(dataDir))) {
    throw new Refused(`DATA_DIR ${dataDir} is not empty: restore only into an empty or new folder (move the old one aside first)`);
  }
  const manifest = await readManifest(source);
  for (const file of manifest.files) {
    const damage = damageOf(file, await hashOrNull(join(source, file.name)));
    if (damage) throw new Refused(`the backup in ${source} is damaged: ${damage}; nothing was restored`);
  }
  await copyIn(source, dataDir, manifest.files);
  return { manifest, ...(await verifyRestored(config, manifest)) };
}

async function readManifest(source: string): Promise<Manifest> {
  const path = join(source, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Refused(`${path} is missing: ${source} is no backup, or one that did not finish; nothing was restored`);
  }
  const parsed = parseManifest(text);
  if ('problem' in parsed) throw new Refused(`${path} ${parsed.problem}; nothing was restored`);
  if (!parsed.manifest.files.some((f) => f.name === EVENTS_FILE)) {
    throw new Refused(`${path} lists no ${EVENTS_FILE}: there is no log to restore; nothing was restored`);
  }
  return parsed.manifest;
}

async function hashOrNull(path: string): Promise<Omit<BackedUpFile, 'name'> | null> {
  try {
    return await hashFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw error;
  }
}

/** Temp names first, each checked again as written (the backup may change meanwhile) and fsynced; then the renames. */
async function copyIn(source: string, dataDir: string, files: BackedUpFile[]): Promise<void> {
  const existed = existsSync(dataDir);
  await fs.mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER });
  try {
    const placed: { temp: string; path: string }[] = [];
    for (const file of files) {
      const path = join(dataDir, file.name);
      const temp = `${path}.restore.tmp`;
      await fs.mkdir(dirname(path), { recursive: true, mode: PRIVATE_FOLDER });
      placed.push({ temp, path });
      const damage = damageOf(file, await copyDurably(join(source, file.name), temp));
      if (damage) throw new Refused(`the backup in ${source} changed while it was restored: ${damage}; nothing was restored`);
    }
    for (const { temp, path } of placed) await fs.rename(temp, path);
    const folders = new Set([dataDir, dirname(dataDir), ...placed.map(({ path }) => dirname(path))]);
    for (const folder of folders) await syncFolder(folder);
  } catch (error) {
    await emptyAgain(dataDir, existed);
    throw error;
  }
}

async function verifyRestored(config: AppConfig, manifest: Manifest): Promise<Omit<RestoreReport, 'manifest'>> {
  const store = new SqliteEventStore({ file: join(config.dataDir, EVENTS_FILE), synchronous: config.sqliteSynchronous });
  try {
    const log = await verifyLog(store);
    if (log.broken) {
      const { position, streamId, revision, reason } = log.broken;
      return { log, problem: `BROKEN at position ${position} (stream ${streamId}, revision ${revision}): ${reason}` };
    }
    if (log.events !== manifest.log.events) {
      return { log, problem: `the restored log holds ${log.events} events, the manifest counted ${manifest.log.events}` };
    }
    return { log, problem: null };
  } finally {
    await store.close();
  }
}

import { existsSync, promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { EVENTS_FILE } from '../infrastructure/event-store';
import { ATTACHMENTS_DIR, planBackup, type DataDirListing, type PlannedCopy } from './backup-plan';
import { copyDurably, emptyAgain, filesUnder, isEmptyOrMissing, PRIVATE_FOLDER, syncFolder, writeDurably } from './durable-files';
import { MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, type BackedUpFile, type Manifest } from './manifest';
import { ON_KURRENTDB, Refused } from './refused';
import { requiredSettings } from './required-settings';
import { snapshotDatabase } from './sqlite-snapshot';

interface LogEnd {
  events: number;
  last: number;
}

/**
 * Copies what cannot be rebuilt from DATA_DIR into `to` (an empty or new folder), while the server
 * may be running: each database through SQLite's online backup, in the order `planBackup` gives;
 * then `manifest.json`, last, so a folder without it is a backup that did not finish. A backup
 * that fails removes what it wrote.
 */
export async function backup(config: AppConfig, to: string, now: () => Date = () => new Date()): Promise<Manifest> {
  if (config.eventStore.kind === 'kurrentdb') throw new Refused(ON_KURRENTDB);
  const target = resolve(to);
  const { dataDir } = config;
  if (isInside(target, dataDir)) throw new Refused(`${target} is inside DATA_DIR (${dataDir}): a backup there is lost with it`);
  if (!(await isEmptyOrMissing(target))) throw new Refused(`${target} is not empty: a backup goes into an empty or new folder`);
  if (!existsSync(join(dataDir, EVENTS_FILE))) throw new Refused(`no event log at ${join(dataDir, EVENTS_FILE)}: nothing to back up`);

  const createdAt = now().toISOString();
  const existed = existsSync(target);
  await fs.mkdir(target, { recursive: true, mode: PRIVATE_FOLDER });
  try {
    const files: BackedUpFile[] = [];
    let log: LogEnd = { events: 0, last: 0 };
    const copy = async (items: PlannedCopy[]) => {
      for (const item of items) {
        const copied = await copyOne(dataDir, target, item, (end) => (log = end));
        if (copied) files.push({ name: item.name, ...copied });
      }
    };
    // Up to the log, as listed now; what comes after it (attachment files, keys, secrets) is listed
    // only once the log is copied, so that a file written just before an event the copy holds is in it.
    const upToLog = planBackup(await listDataDir(dataDir));
    await copy(upToLog.slice(0, upToLog.findIndex((item) => item.name === EVENTS_FILE) + 1));
    const afterLog = planBackup(await listDataDir(dataDir));
    await copy(afterLog.slice(afterLog.findIndex((item) => item.name === EVENTS_FILE) + 1));
    for (const folder of new Set(files.map((f) => dirname(join(target, f.name))))) await syncFolder(folder);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt,
      log: { events: log.events, lastPosition: String(log.last) },
      files,
      requires: requiredSettings(config),
    };
    await writeDurably(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    if (!existed) await syncFolder(dirname(target));
    return manifest;
  } catch (error) {
    await emptyAgain(target, existed);
    throw error;
  }
}

/** One planned copy; null for an attachment file deleted since it was listed (an erasure). */
async function copyOne(
  dataDir: string,
  target: string,
  { name, how }: PlannedCopy,
  onLog: (end: LogEnd) => void,
): Promise<Omit<BackedUpFile, 'name'> | null> {
  const from = join(dataDir, name);
  const to = join(target, name);
  await fs.mkdir(dirname(to), { recursive: true, mode: PRIVATE_FOLDER });
  if (how === 'file') {
    try {
      return await copyDurably(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !name.startsWith(`${ATTACHMENTS_DIR}/`)) throw error;
      await fs.rm(to, { force: true });
      return null;
    }
  }
  if (name !== EVENTS_FILE) return (await snapshotDatabase(from, to)).file;
  const { file, seen } = await snapshotDatabase(from, to, (db) =>
    db.prepare<[], LogEnd>('SELECT count(*) AS events, coalesce(max(position), 0) AS last FROM events').get(),
  );
  onLog(seen!);
  return file;
}

async function listDataDir(dataDir: string): Promise<DataDirListing> {
  const entries = await fs.readdir(dataDir, { withFileTypes: true });
  const attachments = await filesUnder(join(dataDir, ATTACHMENTS_DIR));
  return {
    files: entries.filter((e) => e.isFile()).map((e) => e.name),
    folders: entries.filter((e) => e.isDirectory()).map((e) => e.name),
    attachments: attachments.map((name) => `${ATTACHMENTS_DIR}/${name}`),
  };
}

/** The folder itself or anything under it. */
function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

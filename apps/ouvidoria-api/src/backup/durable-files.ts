import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackedUpFile } from './manifest';

/** Backups hold the data keys and secrets: readable by their owner only. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** A file's size and SHA-256, read once. */
export async function hashFile(path: string): Promise<Omit<BackedUpFile, 'name'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Copies a file to a new one (never over an existing one), hashing what it writes, and fsyncs it:
 * the size and SHA-256 returned are those of the bytes that reached the disk.
 */
export async function copyDurably(from: string, to: string): Promise<Omit<BackedUpFile, 'name'>> {
  const hash = createHash('sha256');
  let bytes = 0;
  const target = await fs.open(to, 'wx', PRIVATE_FILE);
  try {
    for await (const chunk of createReadStream(from) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      await target.write(chunk);
    }
    await target.sync();
  } finally {
    await target.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes a small file whole under a temp name, fsyncs it, renames it into place and fsyncs its folder. */
export async function writeDurably(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp`;
  const file = await fs.open(temp, 'wx', PRIVATE_FILE);
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
  await fs.rename(temp, path);
  await syncFolder(dirname(path));
}

/** Makes a file's bytes durable (a database another library wrote). */
export async function syncFile(path: string): Promise<void> {
  const file = await fs.open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes a folder's entries (a rename, a new file or folder) durable. */
export async function syncFolder(path: string): Promise<void> {
  const folder = await fs.open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** A folder that does not exist, or exists and holds nothing: the only kind a backup or a restore writes into. */
export async function isEmptyOrMissing(path: string): Promise<boolean> {
  try {
    return (await fs.readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Puts a folder that was empty (or missing) before a failed backup or restore back as it was: what is in it now was written by it. */
export async function emptyAgain(folder: string, existed: boolean): Promise<void> {
  if (!existed) return fs.rm(folder, { recursive: true, force: true });
  for (const name of await fs.readdir(folder)) await fs.rm(join(folder, name), { recursive: true, force: true });
}

/** Every file under a folder, as paths relative to it with forward slashes; none when it does not exist. */
export async function filesUnder(root: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(join(root, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, name)));
    else if (entry.isFile()) found.push(name);
  }
  return found;
}

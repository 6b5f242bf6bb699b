import { StoreUnavailable, type UnavailableReason } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assertBlobKey, BlobDamaged, blobKeyOf, type BlobStore } from './blob-store';

/** Where puts write before the rename; never a blob folder (those are two hex characters). */
const TEMP = 'tmp';

/** File-system errors that mean the disk failed, not the request (the request may succeed once it is fixed). */
const REASONS = new Map<string, UnavailableReason>([
  ['ENOSPC', 'disk_full'],
  ['EDQUOT', 'disk_full'],
  ['EIO', 'io_error'],
  ['EROFS', 'io_error'],
  ['EACCES', 'io_error'],
]);

/**
 * Attachment bytes as files of a local folder (`DATA_DIR/attachments`), for a single-node install
 * with no object storage. Layout `ab/cd/<sha256>` (the key's first two byte pairs), so that folders
 * stay small. A put writes `tmp/<random>`, fsyncs it, renames it to its content path and fsyncs that
 * folder (and any folder it had to create), so a blob is whole and durable once put resolves, and a
 * crash leaves at most a temp file, which open removes. `tmp/` is inside the folder, so the rename
 * never crosses file systems.
 */
export class FolderBlobStore implements BlobStore {
  private constructor(private readonly root: string) {}

  static async open(folder: string): Promise<FolderBlobStore> {
    const root = resolve(folder);
    try {
      await fs.mkdir(join(root, TEMP), { recursive: true });
      for (const name of await fs.readdir(join(root, TEMP))) await fs.rm(join(root, TEMP, name), { recursive: true, force: true });
    } catch (error) {
      throw asStoreError(error);
    }
    return new FolderBlobStore(root);
  }

  async put(bytes: Buffer): Promise<string> {
    const key = blobKeyOf(bytes);
    const path = this.pathOf(key);
    const temp = join(this.root, TEMP, `${key}.${randomUUID()}`);
    try {
      await this.makeFolder(dirname(path));
      await writeDurably(temp, bytes);
      // Same bytes twice: the rename replaces the file with identical content (and repairs a damaged one).
      await fs.rename(temp, path);
      await syncFolder(dirname(path));
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw asStoreError(error);
    }
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    assertBlobKey(key);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw asStoreError(error);
    }
    if (blobKeyOf(bytes) !== key) throw new BlobDamaged(key);
    return bytes;
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    const path = this.pathOf(key);
    try {
      await fs.unlink(path);
      await syncFolder(dirname(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw asStoreError(error);
    }
  }

  /** Holds no open files between calls: nothing to release. */
  async close(): Promise<void> {}

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  /** Creates the blob's folder; a folder created is an entry of its parent, so the parent is fsynced too. */
  private async makeFolder(folder: string): Promise<void> {
    const first = await fs.mkdir(folder, { recursive: true });
    if (first === undefined) return;
    for (let created = folder; created.length > this.root.length; created = dirname(created)) {
      await syncFolder(dirname(created));
      if (created === first) break;
    }
  }
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const file = await fs.open(path, 'wx');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes a folder's entries (a rename, an unlink, a new folder) durable. */
async function syncFolder(path: string): Promise<void> {
  const folder = await fs.open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

function asStoreError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = typeof code === 'string' ? REASONS.get(code) : undefined;
  return reason ? new StoreUnavailable(reason, `attachments folder: ${(error as Error).message}`, { cause: error }) : error;
}

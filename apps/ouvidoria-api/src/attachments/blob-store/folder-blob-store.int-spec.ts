import { StoreUnavailable } from '@app/event-store';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { describeBlobStoreContract } from '../../../test-support/blob-store-contract';
import { FolderBlobStore } from './folder-blob-store';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const contentPath = (root: string, key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);
/** Every file under `root`, relative, found by a recursive listing. */
const allFiles = (root: string) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1));

const folders: string[] = [];
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'ouvidoria-blobs-'));
  folders.push(folder);
  return folder;
};
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
afterEach(() => jest.restoreAllMocks());

describeBlobStoreContract('folder', async () => {
  const root = newFolder();
  const store = await FolderBlobStore.open(root);
  return {
    store,
    storedKeys: async () => allFiles(root).map((file) => basename(file)),
    overwrite: async (key, bytes) => writeFileSync(contentPath(root, key), bytes),
    close: () => store.close(),
  };
});

describe('FolderBlobStore on disk', () => {
  /** Opening the files the store opens, with their handles observable (a flag of 'wx' is a temp file). */
  const spyOnOpen = (wrap: (handle: FileHandle, path: string, flags: unknown) => void) => {
    const open = fs.open;
    return jest.spyOn(fs, 'open').mockImplementation(async (path, flags, mode) => {
      const handle = await open(path, flags, mode);
      wrap(handle, String(path), flags);
      return handle;
    });
  };

  it('writes the blob at ab/cd/<sha256> and leaves no file behind after delete', async () => {
    const root = newFolder();
    const store = await FolderBlobStore.open(root);
    const bytes = Buffer.from('%PDF-1.7 an attachment');
    const key = await store.put(bytes);
    expect(allFiles(root)).toEqual([join(key.slice(0, 2), key.slice(2, 4), key)]);
    expect(readFileSync(contentPath(root, key))).toEqual(bytes);

    await store.delete(key);
    expect(allFiles(root).filter((file) => file.includes(key))).toEqual([]);
    expect(allFiles(root)).toEqual([]);
  });

  it('fsyncs the temp file before the rename and the blob folder after it, before put resolves', async () => {
    const root = newFolder();
    const store = await FolderBlobStore.open(root);
    const steps: string[] = [];
    spyOnOpen((handle, path) => {
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        steps.push(`sync ${path.startsWith(join(root, 'tmp')) ? 'temp file' : relative(root, path) || '.'}`);
      };
    });
    const rename = fs.rename;
    jest.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      await rename(from, to);
      steps.push('rename');
    });
    const key = await store.put(Buffer.from('durable'));
    const folder = relative(root, dirname(contentPath(root, key)));
    // The two folders put created (ab, ab/cd) are entries of their parents: those are fsynced as well.
    expect(steps).toEqual([`sync ${dirname(folder)}`, 'sync .', 'sync temp file', 'rename', `sync ${folder}`]);

    steps.length = 0;
    await store.delete(key);
    expect(steps).toEqual([`sync ${folder}`]);
  });

  it('ignores a temp file left by a crash, and removes it at open', async () => {
    const root = newFolder();
    const bytes = Buffer.from('half written before the crash');
    const key = sha256(bytes);
    mkdirSync(join(root, 'tmp'), { recursive: true });
    writeFileSync(join(root, 'tmp', `${key}.2f1c6a2e-0000-4000-8000-000000000000`), bytes);
    const store = await FolderBlobStore.open(root);
    expect(await store.get(key)).toBeNull();
    expect(allFiles(root)).toEqual([]);
  });

  it.each([
    ['ENOSPC', 'disk_full'],
    ['EDQUOT', 'disk_full'],
    ['EIO', 'io_error'],
  ])('fails a put that meets %s with StoreUnavailable(%s), leaving no blob and no temp file', async (code, reason) => {
    const root = newFolder();
    const store = await FolderBlobStore.open(root);
    // The disk fills half-way through the temp file, as a real write would.
    spyOnOpen((handle, _path, flags) => {
      if (flags !== 'wx') return;
      handle.writeFile = async (data) => {
        await handle.write((data as Buffer).subarray(0, 4));
        throw Object.assign(new Error(`${code}: simulated, write`), { code });
      };
    });
    const bytes = Buffer.from('does not fit');
    const failure = await store.put(bytes).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailable);
    expect((failure as StoreUnavailable).reason).toBe(reason);
    expect(((failure as Error).cause as NodeJS.ErrnoException).code).toBe(code);
    expect(allFiles(root)).toEqual([]);
    expect(await store.get(sha256(bytes))).toBeNull();

    jest.restoreAllMocks();
    expect(await store.get(await store.put(bytes))).toEqual(bytes);
  });

  it('reports an unreadable blob as io_error on get, not as missing', async () => {
    const root = newFolder();
    const store = await FolderBlobStore.open(root);
    const key = await store.put(Buffer.from('on a failing disk'));
    jest.spyOn(fs, 'readFile').mockRejectedValue(Object.assign(new Error('EIO: simulated, read'), { code: 'EIO' }));
    await expect(store.get(key)).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'io_error' });
    expect(existsSync(contentPath(root, key))).toBe(true);
  });
});

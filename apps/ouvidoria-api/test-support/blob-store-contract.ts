import { createHash, randomBytes } from 'node:crypto';
import { BlobDamaged, type BlobStore } from '../src/attachments/blob-store/blob-store';

/** One adapter's store for one test, with a view of what is really stored, past the store. */
export interface BlobStoreUnderTest {
  store: BlobStore;
  /** The key of every blob physically there (files in the folder, objects under the prefix). */
  storedKeys(): Promise<string[]>;
  /** Replaces the stored bytes of `key` behind the store's back. */
  overwrite(key: string, bytes: Buffer): Promise<void>;
  /** Closes the store and removes what the test wrote. */
  close(): Promise<void>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What any adapter of the blob store port must do, run against each (a folder, S3 on s3rver or a real server). */
export function describeBlobStoreContract(adapter: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`blob store contract: ${adapter}`, () => {
    let current: BlobStoreUnderTest;
    let store: BlobStore;
    beforeEach(async () => {
      current = await open();
      store = current.store;
    });
    afterEach(() => current.close());

    it('gives back 10 MiB exactly as put, under the SHA-256 of the bytes', async () => {
      const bytes = randomBytes(10 * 1024 * 1024);
      const key = await store.put(bytes);
      expect(key).toBe(sha256(bytes));
      expect((await store.get(key))!.equals(bytes)).toBe(true);
      expect(await current.storedKeys()).toEqual([key]);
    });

    it('stores an empty buffer, and gives it back empty rather than null', async () => {
      const key = await store.put(Buffer.alloc(0));
      expect(key).toBe(EMPTY_SHA256);
      expect(await store.get(key)).toEqual(Buffer.alloc(0));
    });

    it('keeps the same bytes put twice as one blob, under the same key', async () => {
      const bytes = Buffer.from('the same attachment, twice');
      const first = await store.put(bytes);
      const second = await store.put(Buffer.from(bytes));
      expect(second).toBe(first);
      expect(await current.storedKeys()).toEqual([first]);
      expect(await store.get(first)).toEqual(bytes);
    });

    it('answers null for a key that was never put', async () => {
      await store.put(Buffer.from('something else'));
      expect(await store.get(sha256(Buffer.from('never stored')))).toBeNull();
    });

    it('deletes one blob and leaves the others', async () => {
      const gone = await store.put(Buffer.from('to delete'));
      const kept = await store.put(Buffer.from('to keep'));
      await store.delete(gone);
      expect(await store.get(gone)).toBeNull();
      expect(await store.get(kept)).toEqual(Buffer.from('to keep'));
      expect(await current.storedKeys()).toEqual([kept]);
    });

    it('deletes a key that is not there without complaint', async () => {
      await expect(store.delete(sha256(Buffer.from('never stored')))).resolves.toBeUndefined();
    });

    const valid = sha256(Buffer.from('a key'));
    it.each([
      ['a path', '../../etc/passwd'],
      ['a path of 64 characters', `../../${'0'.repeat(58)}`],
      ['upper-case hex', valid.toUpperCase()],
      ['too short', valid.slice(0, 63)],
      ['too long', `${valid}0`],
      ['empty', ''],
    ])('refuses %s as a key, on get and on delete', async (_what, key) => {
      await store.put(Buffer.from('a key'));
      await expect(store.get(key)).rejects.toThrow(/^not a blob key/);
      await expect(store.delete(key)).rejects.toThrow(/^not a blob key/);
      expect(await current.storedKeys()).toEqual([valid]);
    });

    it.each([
      ['one byte changed', (bytes: Buffer) => Buffer.from(bytes.map((byte, i) => (i === 7 ? byte ^ 1 : byte)))],
      ['truncated', (bytes: Buffer) => bytes.subarray(0, 10)],
      ['emptied', () => Buffer.alloc(0)],
    ])('throws BlobDamaged for a blob %s behind its back', async (_how, alter) => {
      const bytes = randomBytes(4096);
      const key = await store.put(bytes);
      await current.overwrite(key, alter(bytes));
      const failure = await store.get(key).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BlobDamaged);
      expect((failure as BlobDamaged).key).toBe(key);
    });
  });
}

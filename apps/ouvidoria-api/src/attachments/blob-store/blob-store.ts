import { createHash } from 'node:crypto';

/** Where attachment bytes live. Keys are the SHA-256 (lower-case hex) of the bytes stored: content-addressed. */
export interface BlobStore {
  /** Stores the bytes; durable (fsynced / acknowledged by the object store) once it resolves. Same bytes twice: one blob, same key. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes, or null when there is no such blob. Checks that the bytes still hash to the key; if not, throws BlobDamaged. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the blob; nothing when it is not there. Physically gone from the folder adapter once it resolves. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** The stored bytes no longer hash to their key: changed or truncated behind the store's back. */
export class BlobDamaged extends Error {
  constructor(readonly key: string) {
    super(`the blob ${key} is damaged: its bytes no longer hash to its key`);
    this.name = 'BlobDamaged';
  }
}

export const BLOB_STORE = Symbol('BlobStore');

const KEY = /^[0-9a-f]{64}$/;

/** The key of these bytes: their SHA-256, lower-case hex. */
export function blobKeyOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses anything but 64 lower-case hex characters, so that a key never becomes a path or another object's name. */
export function assertBlobKey(key: string): void {
  if (typeof key !== 'string' || !KEY.test(key)) throw new Error('not a blob key: expected 64 lower-case hex characters');
}

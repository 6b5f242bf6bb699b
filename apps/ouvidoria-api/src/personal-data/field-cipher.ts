import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Marks a stored value as sealed by this scheme (AES-256-GCM, 96-bit random nonce, 128-bit tag). */
const PREFIX = 'pd1:';
const NONCE = 12;
const TAG = 16;

export const DATA_KEY_BYTES = 32;

/** A sealed value that does not open with its key: changed after it was written, or another key. */
export class SealedValueRejected extends Error {
  constructor(readonly context: string) {
    super(`a sealed personal value did not authenticate (${context})`);
    this.name = 'SealedValueRejected';
  }
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

/**
 * Seals a value with a data key. `context` (the event id and the field's path) is authenticated
 * with it, so a sealed value copied into another field or event does not open there.
 */
export function seal(key: Buffer, context: string, value: string): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** Opens a sealed value; `SealedValueRejected` when it was tampered with or sealed with another key or context. */
export function open(key: Uint8Array, context: string, sealed: string): string {
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < NONCE + TAG) throw new SealedValueRejected(context);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(raw.length - TAG));
  try {
    // final() authenticates: nothing of `body` is returned unless the tag matches. Decoded once,
    // whole (a string decoder per value costs more than the bytes).
    const body = decipher.update(raw.subarray(NONCE, raw.length - TAG));
    const rest = decipher.final();
    return (rest.length === 0 ? body : Buffer.concat([body, rest])).toString('utf8');
  } catch {
    throw new SealedValueRejected(context);
  }
}

/** `open`, with null for a value that does not authenticate. */
export function openOrNull(key: Uint8Array, context: string, sealed: string): string | null {
  try {
    return open(key, context, sealed);
  } catch (error) {
    if (error instanceof SealedValueRejected) return null;
    throw error;
  }
}

/** Seals bytes (an attachment) as `nonce | ciphertext | tag`, `context` authenticated with them. */
export function sealBytes(key: Buffer, context: string, bytes: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context));
  return Buffer.concat([nonce, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
}

/** Opens what `sealBytes` made; `SealedValueRejected` when it was changed or sealed with another key or context. */
export function openBytes(key: Buffer, context: string, sealed: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new SealedValueRejected(context);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]);
  } catch {
    throw new SealedValueRejected(context);
  }
}

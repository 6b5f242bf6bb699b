import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'jwt-secret';
/** HS256 wants at least 256 bits of key. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The HS256 key: `JWT_SECRET` when configured, else the one kept in `DATA_DIR/jwt-secret`,
 * created (readable by its owner only) the first time anything asks. Server and CLI call this
 * alike, so a token minted by the CLI verifies on the server.
 */
export function hs256Secret(configured: string | undefined, dataDir: string): Uint8Array {
  if (configured !== undefined) return new TextEncoder().encode(configured);
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds fewer than ${MIN_SECRET_LENGTH} characters; delete it to have a new one made`);
  }
  return new TextEncoder().encode(secret);
}

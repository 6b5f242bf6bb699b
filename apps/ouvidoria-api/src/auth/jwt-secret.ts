import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from '../config/app-config';

const SECRET_FILE = 'jwt-secret';

/**
 * The HS256 key: `JWT_SECRET` when configured, else the one kept in `DATA_DIR/jwt-secret`,
 * created (readable by its owner only) the first time anything asks. Server and CLI call this
 * alike, so a token minted by the CLI verifies on the server.
 */
export function hs256Secret(configured: string | undefined, dataDir: string): Uint8Array {
  if (configured !== undefined) return new TextEncoder().encode(configured);
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  // Written whole under another name, then linked into place: a process starting at the same
  // moment sees either no secret or all of it, and the first link wins.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds fewer than ${MIN_SECRET_LENGTH} characters; delete it to have a new one made`);
  }
  return new TextEncoder().encode(secret);
}

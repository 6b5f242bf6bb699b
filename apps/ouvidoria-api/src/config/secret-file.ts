import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret kept in `DATA_DIR/<name>`, created (readable by its owner only) the first time anything
 * asks. Written whole under another name, then linked into place: a process starting at the same
 * moment sees either no secret or all of it, and the first link wins.
 */
export function secretInDataDir(dataDir: string, name: string, minLength: number): string {
  const file = join(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
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
  if (secret.length < minLength) throw new Error(`${file} holds fewer than ${minLength} characters; delete it to have a new one made`);
  return secret;
}

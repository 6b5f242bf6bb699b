/** The file that describes a backup folder; written last, so a folder without it is no backup. */
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'ouvidoria-backup';
export const MANIFEST_VERSION = 1;

/** One file of the backup, by its path under DATA_DIR (forward slashes). */
export interface BackedUpFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  /** When the backup started (UTC); the log is copied as of a moment shortly after. */
  createdAt: string;
  /** The copied log: how many events it holds and the position of its last one ("0" when empty). */
  log: { events: number; lastPosition: string };
  /** In the order they were copied. */
  files: BackedUpFile[];
  /** Settings the copy depends on that live in the environment, not in DATA_DIR: the restored server needs the same. */
  requires: string[];
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A path that stays under the folder it is joined to: relative, forward slashes, no empty, `.` or
 * `..` segment. A manifest naming anything else is refused before a byte is read or written.
 */
export function isSafeName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Reads a manifest, or says in one line what is wrong with it. */
export function parseManifest(text: string): { manifest: Manifest } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not JSON' };
  }
  const m = value as Partial<Manifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== MANIFEST_FORMAT) return { problem: `is not an ${MANIFEST_FORMAT} manifest` };
  if (m.version !== MANIFEST_VERSION) return { problem: `has version ${String(m.version)}; this version reads ${MANIFEST_VERSION}` };
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) return { problem: 'has no valid createdAt' };
  const log = m.log;
  if (!log || !isCount(log.events) || typeof log.lastPosition !== 'string' || !/^\d+$/.test(log.lastPosition)) {
    return { problem: 'has no valid log (events, lastPosition)' };
  }
  if (!Array.isArray(m.requires) || !m.requires.every((r) => typeof r === 'string')) return { problem: 'has no valid requires list' };
  if (!Array.isArray(m.files) || m.files.length === 0) return { problem: 'lists no files' };
  const names = new Set<string>();
  for (const file of m.files as unknown[]) {
    const f = file as Partial<BackedUpFile> | null;
    if (typeof f?.name !== 'string' || !isSafeName(f.name))
      return { problem: `names a file outside the folder: ${JSON.stringify(f?.name)}` };
    if (!isCount(f.bytes) || typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) {
      return { problem: `has no valid size and SHA-256 for ${f.name}` };
    }
    if (names.has(f.name)) return { problem: `lists ${f.name} twice` };
    names.add(f.name);
  }
  return { manifest: m as Manifest };
}

/** What is wrong with a file of the backup compared with its manifest entry; null when nothing is. */
export function damageOf(expected: BackedUpFile, actual: Omit<BackedUpFile, 'name'> | null): string | null {
  if (!actual) return `${expected.name} is missing`;
  if (actual.bytes !== expected.bytes) return `${expected.name} has ${actual.bytes} bytes, the manifest says ${expected.bytes}`;
  if (actual.sha256 !== expected.sha256) return `${expected.name} does not match its SHA-256 in the manifest`;
  return null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

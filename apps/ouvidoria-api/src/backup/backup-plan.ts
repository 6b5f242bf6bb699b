import { EVENTS_FILE } from '../infrastructure/event-store';
import { KEYS_FILE } from '../personal-data/personal-data-layer';

/** Where the folder blob store keeps attachment files (`openBlobStore`), and its folder of unfinished puts. */
export const ATTACHMENTS_DIR = 'attachments';
const ATTACHMENTS_TEMP = `${ATTACHMENTS_DIR}/tmp/`;
/**
 * The secrets created in DATA_DIR when they are not configured: the pseudonym secret
 * (`withPersonalData`; another one names every data subject differently) and the token secret
 * (`hs256Secret`; another one invalidates every token).
 */
export const SECRET_FILES = ['jwt-secret', 'personal-data-secret'];

/** A SQLite database is copied with SQLite's online backup; any other file byte for byte. */
export interface PlannedCopy {
  name: string;
  how: 'sqlite' | 'file';
}

/**
 * What is found in DATA_DIR: its top-level files and folders, and every file under `attachments/`
 * (paths with forward slashes). Other folders (`read-models/`, rebuilt from the log) are not looked into.
 */
export interface DataDirListing {
  files: string[];
  folders: string[];
  attachments: string[];
}

/**
 * What a backup copies, and in which order: what in DATA_DIR cannot be rebuilt from the log — every
 * SQLite database (`*.sqlite`) beside the log, attachment files, the secrets — and nothing that can
 * or that is no state: `read-models/` is left out, and so are the write-ahead logs and shared-memory
 * files beside each database (their content is read through the database), temp files, and any
 * other file (the server's lock). The order makes the copies agree although each is taken at its
 * own instant:
 *
 * 1. databases that follow the log (the Kafka relay's checkpoint, `kafka-relay.sqlite`): copied
 *    before the log, they never name an event the copied log lacks;
 * 2. the log (`events.sqlite`, with its protocol counters and its leases, the notification
 *    dispatcher's progress among them): one snapshot of one file;
 * 3. attachment files: each is written, durably, before the event that names it, so every file
 *    an event of the copied log names is there (unless erased since);
 * 4. the data keys (`keys.sqlite`): every key an event of the copied log was sealed with was made
 *    before that event, so it is there, unless erased since. The keys come after the attachment
 *    files because erasure destroys keys first: an erasure seen by neither copy, or by both, or
 *    only by the keys, never leaves a key without its data;
 * 5. the secrets kept in DATA_DIR (`personal-data-secret`, `jwt-secret`): written once.
 */
export function planBackup(listing: DataDirListing): PlannedCopy[] {
  const kept = listing.files.filter((name) => !isSideFile(name));
  const databases = kept.filter((name) => name.endsWith('.sqlite'));
  const beside = databases.filter((name) => name !== EVENTS_FILE && name !== KEYS_FILE).sort();
  const attachments = listing.folders.includes(ATTACHMENTS_DIR)
    ? listing.attachments.filter((name) => !name.startsWith(ATTACHMENTS_TEMP)).sort()
    : [];
  const secrets = kept.filter((name) => SECRET_FILES.includes(name)).sort();
  return [
    ...beside.map((name) => ({ name, how: 'sqlite' as const })),
    { name: EVENTS_FILE, how: 'sqlite' as const },
    ...attachments.map((name) => ({ name, how: 'file' as const })),
    ...(databases.includes(KEYS_FILE) ? [{ name: KEYS_FILE, how: 'sqlite' as const }] : []),
    ...secrets.map((name) => ({ name, how: 'file' as const })),
  ];
}

/** Part of a database (read through it) or a file being written. */
function isSideFile(name: string): boolean {
  return /-(wal|shm|journal)$/.test(name) || name.endsWith('.tmp');
}

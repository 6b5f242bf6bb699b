import type { EventStore } from '@app/event-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { MIN_PSEUDONYM_SECRET_LENGTH } from '../config/personal-data-config';
import { secretInDataDir } from '../config/secret-file';
import { EncryptingEventStore } from './encrypting-event-store';
import { KurrentDbKeyStore } from './kurrentdb-key-store';
import { checkStoredFormat } from './stored-format';
import { SqliteKeyStore } from './sqlite-key-store';
import { SubjectPseudonyms } from './subject-pseudonyms';

export const KEYS_FILE = 'keys.sqlite';
const SECRET_FILE = 'personal-data-secret';
/** How far into the log the start-up check looks for sealed values. */
const LOOKED_AT = 2000;

/** The log holds sealed values but the key file is gone: starting would show every one as erased. */
export class MissingKeyStore extends Error {
  constructor(file: string) {
    super(
      `${file} is missing but the event log holds personal data sealed with its keys: restore it from the backup ` +
        'taken with the log (without it those values are lost); nothing was started',
    );
    this.name = 'MissingKeyStore';
  }
}

/**
 * The event store as the application uses it: personal data sealed per data subject, with keys in
 * `DATA_DIR/keys.sqlite` on the embedded store, or in key streams of the KurrentDB every instance
 * shares (see docs/personal-data.md).
 */
export async function withPersonalData(config: AppConfig, stored: EventStore): Promise<EncryptingEventStore> {
  await checkStoredFormat(stored);
  if (config.eventStore.kind === 'kurrentdb') {
    const keys = new KurrentDbKeyStore(config.eventStore.url, config.kurrentStreamPrefix, config.personalData.keyEncryptionKey!);
    return new EncryptingEventStore(stored, keys, new SubjectPseudonyms(Buffer.from(config.personalData.secret!)));
  }
  const file = join(config.dataDir, KEYS_FILE);
  const existed = existsSync(file);
  if (!existed && (await holdsSealedValues(stored))) throw new MissingKeyStore(file);
  const secret = config.personalData.secret ?? secretInDataDir(config.dataDir, SECRET_FILE, MIN_PSEUDONYM_SECRET_LENGTH);
  const keys = await SqliteKeyStore.open(file, stored, config.personalData.keyEncryptionKey);
  return new EncryptingEventStore(stored, keys, new SubjectPseudonyms(Buffer.from(secret)));
}

/**
 * Before anything starts: refuses a log of another stored format (`UnsupportedStoredFormat`) or
 * whose key file is gone (`MissingKeyStore`), so that the server can say so in one line instead
 * of failing inside its start-up.
 */
export async function checkStoredLog(config: AppConfig, openStored: () => EventStore): Promise<void> {
  const stored = openStored();
  try {
    await checkStoredFormat(stored);
    if (config.eventStore.kind !== 'sqlite' || existsSync(join(config.dataDir, KEYS_FILE))) return;
    if (await holdsSealedValues(stored)) throw new MissingKeyStore(join(config.dataDir, KEYS_FILE));
  } finally {
    await stored.close();
  }
}

async function holdsSealedValues(store: EventStore): Promise<boolean> {
  const events = await store.readAll({ after: 0n, maxCount: LOOKED_AT });
  return events.some((event) => event.metadata.personalData !== undefined);
}

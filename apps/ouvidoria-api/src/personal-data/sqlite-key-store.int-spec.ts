import { ERASED, manifestationStreamId } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered } from '../../../../libs/domain/test-support/manifestation-fixtures';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { EncryptingEventStore } from './encrypting-event-store';
import type { PersonalDataMarker } from './personal-data-marker';
import { POOLED_KEYS, SqliteKeyStore } from './sqlite-key-store';
import { SubjectPseudonyms } from './subject-pseudonyms';

/** The key file on real SQLite files: keys made ahead in pools, and given back to their subjects after a power loss. */
describe('SqliteKeyStore', () => {
  let dir: string;
  let log: SqliteEventStore;
  const secret = randomBytes(32);
  const keysFile = () => join(dir, 'keys.sqlite');
  const withFile = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(keysFile());
    try {
      return use(db);
    } finally {
      db.close();
    }
  };
  let keys: SqliteKeyStore;
  const openStore = async () => {
    keys = await SqliteKeyStore.open(keysFile(), log);
    return new EncryptingEventStore(log, keys, new SubjectPseudonyms(secret));
  };
  const register = (store: EncryptingEventStore, n: number) => {
    const protocol = `12345620260401${String(n).padStart(6, '0')}`;
    const requester = { kind: 'BENEFICIARIO' as const, anonymous: false, name: `Pessoa ${n}`, document: `0000000${n}`.slice(-11) };
    const { type, data } = registered({ protocol, requester, description: `texto ${n}` });
    return store.append(manifestationStreamId(protocol), [newEvent(type, data)], 'no_stream');
  };
  const markerOf = async (n: number) => {
    const [event] = await log.readStream(manifestationStreamId(`12345620260401${String(n).padStart(6, '0')}`));
    return event.metadata.personalData as PersonalDataMarker;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'key-store-'));
    log = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes keys ahead in pools: a new subject takes one, a pool runs out into the next', async () => {
    const store = await openStore();
    await register(store, 1);
    const count = () => withFile((db) => db.prepare('SELECT count(*) AS n, count(subject) AS used FROM data_keys').get());
    expect(count()).toEqual({ n: POOLED_KEYS, used: 1 });
    for (let n = 2; n <= POOLED_KEYS + 1; n++) await register(store, n);
    expect(count()).toEqual({ n: 2 * POOLED_KEYS, used: POOLED_KEYS + 1 });
    expect(new Set(await Promise.all([1, 2, POOLED_KEYS + 1].map(async (n) => (await markerOf(n)).keyId))).size).toBe(3);
    await keys.close();
  });

  it('gives a key back to its subject when the hand-out was lost (power loss): the subject is still erased whole', async () => {
    let store = await openStore();
    await register(store, 1);
    await register(store, 2);
    await keys.close();
    const lost = await markerOf(1);
    // What a power loss after the hand-out's commit (without fsync) leaves: the key pooled, the recovery point before it.
    withFile((db) => {
      db.prepare('UPDATE data_keys SET subject = NULL WHERE id = ?').run(lost.keyId);
      db.prepare("UPDATE key_store_state SET recover_after = '0'").run();
    });

    store = await openStore();
    expect(withFile((db) => db.prepare('SELECT subject FROM data_keys WHERE id = ?').get(lost.keyId))).toEqual({ subject: lost.subject });
    // A new subject does not get the key back from the pool.
    await register(store, 3);
    expect((await markerOf(3)).keyId).not.toBe(lost.keyId);
    expect(await store.shred(lost.subject)).toBe(1);
    const [registration] = await store.readStream(manifestationStreamId('12345620260401000001'));
    expect((registration.data.requester as { name: string }).name).toBe(ERASED);
    const [other] = await store.readStream(manifestationStreamId('12345620260401000002'));
    expect((other.data.requester as { name: string }).name).toBe('Pessoa 2');
    await keys.close();
  });

  const recoverAfter = () =>
    withFile((db) => (db.prepare('SELECT recover_after FROM key_store_state').get() as { recover_after: string }).recover_after);

  it('leaves the recovery point before an event whose key was handed out without fsync, and moves it to the log end on close', async () => {
    const store = await openStore();
    await register(store, 1);
    await register(store, 2);
    const [second] = await log.readStream(manifestationStreamId('12345620260401000002'));
    expect(BigInt(recoverAfter())).toBeLessThan(second.position);
    await keys.close();
    expect(recoverAfter()).toBe(String(await log.lastPosition()));
  });

  it('brings a recovery point beyond the end of the log (a log restored older than the key file) back to its end', async () => {
    const store = await openStore();
    await register(store, 1);
    await keys.close();
    withFile((db) => db.prepare("UPDATE key_store_state SET recover_after = '999999'").run());
    await openStore();
    expect(recoverAfter()).toBe(String(await log.lastPosition()));
    await keys.close();
  });

  it('lets no read bring back a key while its destruction commits', async () => {
    const store = await openStore();
    await register(store, 1);
    const { subject, keyId } = await markerOf(1);
    keys.forget(subject);
    const destroyed = keys.destroy(subject);
    const readMeanwhile = keys.key(subject, keyId);
    expect(await destroyed).toBe(1);
    await readMeanwhile;
    expect(await keys.key(subject, keyId)).toBeNull();
    expect((await keys.keyFor(subject)).id).not.toBe(keyId);
    // Read by a store that appended nothing itself (what it opens, it opens with the key store).
    const reader = new EncryptingEventStore(log, keys, new SubjectPseudonyms(secret));
    const [registration] = await reader.readStream(manifestationStreamId('12345620260401000001'));
    expect((registration.data.requester as { name: string }).name).toBe(ERASED);
    await keys.close();
  });

  it('brings a file of keys made one at a time to the pooled layout, every key kept', async () => {
    withFile((db) => {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE data_keys (id TEXT PRIMARY KEY, subject TEXT NOT NULL UNIQUE, key TEXT NOT NULL)');
      db.prepare('INSERT INTO data_keys VALUES (?, ?, ?)').run('old-key', 'old-subject', randomBytes(32).toString('base64'));
    });
    keys = await SqliteKeyStore.open(keysFile(), log);
    expect((await keys.keyFor('old-subject')).id).toBe('old-key');
    expect((await keys.keyFor('new-subject')).id).not.toBe('old-key');
    expect(await keys.destroy('old-subject')).toBe(1);
    expect(await keys.key('old-subject', 'old-key')).toBeNull();
    await keys.close();
    keys = await SqliteKeyStore.open(keysFile(), log);
    expect((await keys.keyFor('new-subject')).id).not.toBe('old-key');
    expect(withFile((db) => db.pragma('user_version', { simple: true }))).toBe(1);
    await keys.close();
  });
});

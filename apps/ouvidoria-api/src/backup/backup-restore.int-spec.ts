import { openDatabase, SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../../../../libs/event-store/test-support/new-event';
import { Sealer, verifyLog } from '../audit';
import { loadConfig, type AppConfig } from '../config/app-config';
import { SqliteKeyStore } from '../personal-data/sqlite-key-store';
import { backup } from './backup';
import { backupCommand, restoreCommand } from './index';
import { MANIFEST_FILE, parseManifest, type Manifest } from './manifest';
import { restore } from './restore';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BLOB = Buffer.from('sealed attachment bytes');
const BLOB_PATH = `attachments/${sha256(BLOB).slice(0, 2)}/${sha256(BLOB).slice(2, 4)}/${sha256(BLOB)}`;

/** What the commands print, line by line. */
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, terminal: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const configFor = (dataDir: string, env: NodeJS.ProcessEnv = {}): AppConfig =>
  loadConfig({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456', SQLITE_SYNCHRONOUS: 'FULL', ...env });

async function readEverything(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page[page.length - 1].position;
  }
}

/** Appends `count` events in batches of one event-loop turn each (the store group-commits them). */
async function appendMany(store: SqliteEventStore, count: number, size = 1000): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const batch = Array.from({ length: Math.min(500, count - done) }, (_, i) =>
      store.append(`manifestation-${(done + i) % 97}`, [newEvent('Filler', { pad: 'x'.repeat(size), n: done + i })], 'any'),
    );
    await Promise.all(batch);
  }
}

/** backup and restore on real SQLite files, with a writer appending to the live log. */
describe('backup and restore (real SQLite files)', () => {
  let root: string;
  let dataDir: string;
  let store: SqliteEventStore;
  let config: AppConfig;
  const fresh = (name: string) => join(root, `${name}-${randomUUID().slice(0, 8)}`);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'backup-'));
    dataDir = join(root, 'data');
    config = configFor(dataDir);
    store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    // Enough pages for the online backup to take several steps, with a writer between them.
    await appendMany(store, 12_000);
    await new Sealer(store, () => new Date(), randomUUID, { intervalMs: 60_000, maxEvents: 1_000_000 }).seal();
    await appendMany(store, 50);
    // What lives beside the log: a relay checkpoint, the data keys, an attachment, the pseudonym secret;
    // and what a backup leaves out: a read model, a half-written attachment, a temp file, the server's lock.
    const relay = openDatabase(join(dataDir, 'kafka-relay.sqlite'), 'FULL');
    relay.exec('CREATE TABLE relay_state (position INTEGER); INSERT INTO relay_state VALUES (7)');
    relay.close();
    const keys = await SqliteKeyStore.open(join(dataDir, 'keys.sqlite'), store);
    await keys.keyFor('subject-1');
    await keys.close();
    mkdirSync(join(dataDir, 'attachments', 'tmp'), { recursive: true });
    mkdirSync(join(dataDir, BLOB_PATH, '..'), { recursive: true });
    writeFileSync(join(dataDir, BLOB_PATH), BLOB);
    writeFileSync(join(dataDir, 'attachments', 'tmp', 'half-written'), 'partial');
    writeFileSync(join(dataDir, 'personal-data-secret'), 'p'.repeat(64));
    writeFileSync(join(dataDir, 'jwt-secret.123.tmp'), 'being written');
    writeFileSync(join(dataDir, 'server.lock.holder'), '{"pid":1}');
    const readModel = openDatabase(join(dataDir, 'read-models', 'work-queue.v1.sqlite'), 'NORMAL');
    readModel.exec('CREATE TABLE work_queue (protocol TEXT)');
    readModel.close();
  }, 120_000);
  afterAll(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('copies the log while a writer keeps appending: the copy verifies and holds exactly what the manifest counts', async () => {
    const target = fresh('backup');
    let writing = true;
    let appendedDuring = 0;
    const writer = (async () => {
      while (writing) {
        await appendMany(store, 20, 200);
        appendedDuring += 20;
      }
    })();
    let manifest: Manifest;
    try {
      manifest = await backup(config, target);
    } finally {
      writing = false;
      await writer;
    }
    expect(appendedDuring).toBeGreaterThan(0);

    const copy = new SqliteEventStore({ file: join(target, 'events.sqlite') });
    try {
      const report = await verifyLog(copy);
      expect(report).toMatchObject({ broken: null, seals: 1, events: manifest.log.events });
      expect(String(await copy.lastPosition())).toBe(manifest.log.lastPosition);
      // Exactly the live log's first events: a snapshot, no event missing or half-copied.
      const copied = await readEverything(copy);
      const live = await readEverything(store);
      expect(live.length).toBeGreaterThan(copied.length);
      expect(live.slice(0, copied.length)).toEqual(copied);
    } finally {
      await copy.close();
    }
  });

  it('writes a manifest naming every file with its size and SHA-256, in copy order, and nothing that is rebuilt', async () => {
    const target = fresh('backup');
    const before = Date.now();
    await backup(config, target);
    const parsed = parseManifest(readFileSync(join(target, MANIFEST_FILE), 'utf8'));
    expect('manifest' in parsed).toBe(true);
    const manifest = (parsed as { manifest: Manifest }).manifest;
    expect(manifest).toMatchObject({ format: 'ouvidoria-backup', version: 1, requires: [] });
    expect(Date.parse(manifest.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(manifest.files.map((f) => f.name)).toEqual([
      'kafka-relay.sqlite',
      'events.sqlite',
      BLOB_PATH,
      'keys.sqlite',
      'personal-data-secret',
    ]);
    for (const file of manifest.files) {
      const bytes = readFileSync(join(target, file.name));
      expect({ name: file.name, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(file);
    }
    expect(readdirSync(target).sort()).toEqual([
      'attachments',
      'events.sqlite',
      'kafka-relay.sqlite',
      'keys.sqlite',
      'manifest.json',
      'personal-data-secret',
    ]);
    expect(manifest.log.events).toBe(
      (await readEverything(store)).filter((e) => BigInt(e.position) <= BigInt(manifest.log.lastPosition)).length,
    );
  });

  it('names the settings the backup depends on that are not files', async () => {
    const target = fresh('backup');
    const withSecrets = configFor(dataDir, { KEY_ENCRYPTION_KEY: 'a'.repeat(64), PERSONAL_DATA_SECRET: 's'.repeat(40) });
    const manifest = await backup(withSecrets, target);
    expect(manifest.requires).toEqual(['KEY_ENCRYPTION_KEY', 'PERSONAL_DATA_SECRET']);
  });

  it('refuses a folder that is not empty, or inside DATA_DIR, with one line and exit 1, writing nothing', async () => {
    const target = fresh('occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'something'), 'mine');
    const { err, terminal } = capture();
    expect(await backupCommand(config, target, terminal)).toBe(1);
    expect(err).toEqual([`${target} is not empty: a backup goes into an empty or new folder`]);
    expect(readdirSync(target)).toEqual(['something']);

    const inside = capture();
    expect(await backupCommand(config, join(dataDir, 'backups'), inside.terminal)).toBe(1);
    expect(inside.err).toEqual([expect.stringMatching(/is inside DATA_DIR/)]);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
  });

  it('refuses with KurrentDB configured, pointing to its own backup procedure', async () => {
    const onKurrent: AppConfig = { ...config, eventStore: { kind: 'kurrentdb', url: 'kurrentdb://localhost:2113?tls=false' } };
    const { err, terminal } = capture();
    const target = fresh('backup');
    expect(await backupCommand(onKurrent, target, terminal)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/KurrentDB's own procedure.*Backup and restore/);
    expect(existsSync(target)).toBe(false);
  });

  describe('restore', () => {
    let backupDir: string;
    let manifest: Manifest;
    beforeAll(async () => {
      backupDir = fresh('backup');
      manifest = await backup(config, backupDir);
    });

    /** A copy of the backup with one change made to it. */
    const damaged = (change: (dir: string) => void): string => {
      const dir = fresh('damaged');
      for (const file of [...manifest.files.map((f) => f.name), MANIFEST_FILE]) {
        mkdirSync(join(dir, file, '..'), { recursive: true });
        writeFileSync(join(dir, file), readFileSync(join(backupDir, file)));
      }
      change(dir);
      return dir;
    };

    it('round trip: the restored DATA_DIR holds the same events, keys, attachment and secret, and its log verifies', async () => {
      const restored = fresh('restored');
      const { out, err, terminal } = capture();
      expect(await restoreCommand(configFor(restored), backupDir, terminal)).toBe(0);
      expect(err).toEqual([]);
      expect(out).toContainEqual(`intact: ${manifest.log.events} events in 98 streams, 1 seals checked`);

      const back = new SqliteEventStore({ file: join(restored, 'events.sqlite') });
      try {
        // The live log's first events as the backup saw them, every field equal (hashes included).
        expect(await readEverything(back)).toEqual((await readEverything(store)).slice(0, manifest.log.events));
      } finally {
        await back.close();
      }
      for (const name of ['keys.sqlite', 'kafka-relay.sqlite', BLOB_PATH, 'personal-data-secret']) {
        expect(sha256(readFileSync(join(restored, name)))).toBe(manifest.files.find((f) => f.name === name)!.sha256);
      }
      // The keys open as they were: the restored key store hands subject-1 its own key again.
      const log = new SqliteEventStore({ file: join(restored, 'events.sqlite') });
      const keys = await SqliteKeyStore.open(join(restored, 'keys.sqlite'), log);
      try {
        const live = await SqliteKeyStore.open(join(dataDir, 'keys.sqlite'), store);
        expect((await keys.keyFor('subject-1')).key).toEqual((await live.keyFor('subject-1')).key);
        await live.close();
      } finally {
        await keys.close();
        await log.close();
      }
      expect(existsSync(join(restored, 'read-models'))).toBe(false);
      expect(readdirSync(restored).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    });

    it('refuses a file with one byte flipped, naming it, exit 1, and DATA_DIR stays empty', async () => {
      const dir = damaged((d) => {
        const file = join(d, 'keys.sqlite');
        const bytes = readFileSync(file);
        bytes[bytes.length - 100] ^= 0x01;
        writeFileSync(file, bytes);
      });
      for (const existed of [false, true]) {
        const target = fresh('target');
        if (existed) mkdirSync(target);
        const { err, terminal } = capture();
        expect(await restoreCommand(configFor(target), dir, terminal)).toBe(1);
        expect(err).toEqual([
          `the backup in ${dir} is damaged: keys.sqlite does not match its SHA-256 in the manifest; nothing was restored`,
        ]);
        expect(existsSync(target) && readdirSync(target)).toEqual(existed && []);
      }
    });

    it.each([
      ['a missing file', (d: string) => rmSync(join(d, BLOB_PATH)), /is damaged: attachments\/.+ is missing/],
      [
        'a file cut short',
        (d: string) => writeFileSync(join(d, 'events.sqlite'), 'short'),
        /events\.sqlite has 5 bytes, the manifest says \d+/,
      ],
      [
        'no manifest',
        (d: string) => rmSync(join(d, MANIFEST_FILE)),
        /manifest\.json is missing: .* is no backup, or one that did not finish/,
      ],
      ['a manifest that is not JSON', (d: string) => writeFileSync(join(d, MANIFEST_FILE), '{"format":'), /manifest\.json is not JSON/],
      [
        'a manifest naming a file outside the folder',
        (d: string) => {
          const m = JSON.parse(readFileSync(join(d, MANIFEST_FILE), 'utf8'));
          m.files[0].name = '../elsewhere';
          writeFileSync(join(d, MANIFEST_FILE), JSON.stringify(m));
        },
        /names a file outside the folder: "\.\.\/elsewhere"/,
      ],
    ])('refuses %s with one line and exit 1, writing nothing', async (_case, change, message) => {
      const dir = damaged(change);
      const target = fresh('target');
      const { err, terminal } = capture();
      expect(await restoreCommand(configFor(target), dir, terminal)).toBe(1);
      expect(err).toEqual([expect.stringMatching(message)]);
      expect(existsSync(target)).toBe(false);
    });

    it('refuses a DATA_DIR that is not empty, and leaves it as it was', async () => {
      const target = fresh('occupied');
      mkdirSync(target);
      writeFileSync(join(target, 'events.sqlite'), 'an older log');
      const { err, terminal } = capture();
      expect(await restoreCommand(configFor(target), backupDir, terminal)).toBe(1);
      expect(err).toEqual([expect.stringMatching(/^DATA_DIR .* is not empty: restore only into an empty or new folder/)]);
      expect(readdirSync(target)).toEqual(['events.sqlite']);
      expect(readFileSync(join(target, 'events.sqlite'), 'utf8')).toBe('an older log');
    });

    it('reports a log whose chain is broken although every file matches its manifest (a log tampered before the backup)', async () => {
      const tamperedData = fresh('tampered-data');
      const tampered = new SqliteEventStore({ file: join(tamperedData, 'events.sqlite') });
      await appendMany(tampered, 10, 10);
      await tampered.close();
      const db = openDatabase(join(tamperedData, 'events.sqlite'), 'FULL');
      db.prepare("UPDATE events SET data = json_set(data, '$.n', 99) WHERE position = 4").run();
      db.close();
      const dir = fresh('backup');
      await backup(configFor(tamperedData), dir);
      const { err, terminal } = capture();
      expect(await restoreCommand(configFor(fresh('restored')), dir, terminal)).toBe(1);
      expect(err).toEqual([expect.stringMatching(/^BROKEN at position 4 \(stream manifestation-3, revision 0\)/)]);
    });

    it('refuses with KurrentDB configured', async () => {
      const target = fresh('target');
      const onKurrent: AppConfig = { ...configFor(target), eventStore: { kind: 'kurrentdb', url: 'kurrentdb://localhost:2113?tls=false' } };
      await expect(restore(onKurrent, backupDir)).rejects.toThrow(/restore the cluster with KurrentDB's own procedure/);
      expect(existsSync(target)).toBe(false);
    });
  });
});

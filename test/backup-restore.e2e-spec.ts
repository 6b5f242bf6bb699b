import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { cliWith } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { eventually } from './support/kafka-mock';
import { startServerProcess, type ServerProcess } from './support/server-process';

const REGISTRATION = { OPERATOR_ANS_REGISTRATION: '123456' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('laudo: ressonância autorizada\n'), Buffer.alloc(2000, 0x41)]);

const stop = (server: ServerProcess) =>
  new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });

/** `npm run cli -- backup` beside a running server, then `restore` into a new DATA_DIR and a server started there. */
describe('backup while the server runs, restore, and a server on the restored DATA_DIR', () => {
  let root: string;
  let live: ServerProcess;
  let ouvidoria: Record<string, string>;
  const before: string[] = [];
  let attachmentPath: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ouvidoria-backup-'));
    ouvidoria = await bearer('ouvidoria', 'analista');
    live = await startServerProcess({ DATA_DIR: join(root, 'data'), ...REGISTRATION });
    for (let i = 0; i < 3; i++) before.push((await post(live.url, '/manifestations', complaint({ subject: `Caso ${i}` }))).body.protocol);
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'laudo.pdf');
    const uploaded = await fetch(`${live.url}/manifestations/${before[0]}/attachments`, { method: 'POST', body: form, headers: ouvidoria });
    expect(uploaded.status).toBe(201);
    attachmentPath = uploaded.headers.get('location')!;
  }, 60_000);
  afterAll(async () => {
    await stop(live);
    rmSync(root, { recursive: true, force: true });
  });

  it('serves, on the restored folder, the cases and personal data the backup holds, with read models rebuilt', async () => {
    // Cases keep being registered while the backup runs.
    let writing = true;
    const during: string[] = [];
    const writer = (async () => {
      while (writing) during.push((await post(live.url, '/manifestations', complaint({ subject: 'Durante o backup' }))).body.protocol);
    })();
    const backupDir = join(root, 'backup');
    const backedUp = await cliWith({ DATA_DIR: join(root, 'data'), ...REGISTRATION }, 'backup', '--to', backupDir).finally(
      () => (writing = false),
    );
    await writer;
    expect(during.length).toBeGreaterThan(0);
    expect(backedUp.stderr).toBe('');
    expect(backedUp.stdout).toMatch(/^backed up \d+ events \(to position \d+\) in \d+ files/);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      'events.sqlite',
      expect.stringMatching(/^attachments\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
      'keys.sqlite',
      'personal-data-secret',
    ]);
    expect(readdirSync(backupDir)).not.toContain('read-models');

    const restoredDir = join(root, 'restored');
    const restored = await cliWith({ DATA_DIR: restoredDir, ...REGISTRATION }, 'restore', '--from', backupDir);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(new RegExp(`intact: ${manifest.log.events} events in \\d+ streams`));
    expect(readdirSync(restoredDir)).not.toContain('read-models');

    const again = await startServerProcess({ DATA_DIR: restoredDir, ...REGISTRATION });
    try {
      await eventually(
        async () => {
          const { projections } = (await get(again.url, '/health')).body as { projections: Record<string, { lagEvents: number }> };
          return Object.values(projections).every((p) => p.lagEvents === 0);
        },
        30_000,
        'the read models to be rebuilt from the restored log',
      );
      // The work queue, rebuilt from the log, holds every case registered before the backup, and only cases that were registered.
      const queue = (await get(again.url, '/manifestations?limit=100')).body.items.map((c: { protocol: string }) => c.protocol);
      expect(queue.length).toBeLessThan(100);
      expect(queue).toEqual(expect.arrayContaining(before));
      expect([...before, ...during]).toEqual(expect.arrayContaining(queue));
      // Personal data open: the key store was in the backup.
      const view = (await get(again.url, `/manifestations/${before[1]}`)).body;
      expect({ name: view.requester.name, description: view.description }).toEqual({
        name: 'Maria da Silva',
        description: 'O exame foi negado sem justificativa.',
      });
      const download = await fetch(again.url + attachmentPath, { headers: ouvidoria });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
      // The pseudonym secret was in the backup too: the subject is found by document.
      const exported = await get(again.url, '/data-subjects/52998224725/export', await bearer('dpo', 'encarregado'));
      expect(exported.status).toBe(200);
      expect(exported.body.cases.map((c: { protocol: string }) => c.protocol).sort()).toEqual([...queue].sort());
      // The protocol counters came with the log: a new case gets a number no restored case has.
      const next = (await post(again.url, '/manifestations', complaint())).body.protocol;
      const sameDay = queue.filter((p: string) => p.slice(0, 14) === next.slice(0, 14)).map((p: string) => Number(p.slice(-6)));
      expect(queue).not.toContain(next);
      expect(Number(next.slice(-6))).toBeGreaterThan(Math.max(0, ...sameDay));
    } finally {
      await stop(again);
    }
  }, 120_000);

  it('refuses a backup folder that is not empty, and a restore into a DATA_DIR that is not, with one line and exit 1', async () => {
    const occupied = join(root, 'occupied');
    mkdirSync(occupied);
    writeFileSync(join(occupied, 'notes.txt'), 'mine');
    const backup = await cliWith({ DATA_DIR: join(root, 'data'), ...REGISTRATION }, 'backup', '--to', occupied);
    expect({ status: backup.status, stderr: backup.stderr }).toEqual({
      status: 1,
      stderr: `${occupied} is not empty: a backup goes into an empty or new folder\n`,
    });
    const restore = await cliWith({ DATA_DIR: join(root, 'data'), ...REGISTRATION }, 'restore', '--from', join(root, 'backup'));
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/^DATA_DIR .+ is not empty: restore only into an empty or new folder.*\n$/);
    expect(readdirSync(occupied)).toEqual(['notes.txt']);
  });

  it('refuses with KurrentDB configured, naming its own backup procedure', async () => {
    const env = {
      DATA_DIR: join(root, 'data'),
      ...REGISTRATION,
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
      PERSONAL_DATA_SECRET: 's'.repeat(40),
      KEY_ENCRYPTION_KEY: 'a'.repeat(64),
    };
    const refused = await cliWith(env, 'backup', '--to', join(root, 'never'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^EVENT_STORE=kurrentdb: .*KurrentDB's own procedure.*\n$/);
    expect(readdirSync(root)).not.toContain('never');
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaint } from './support/fixtures';
import { post } from './support/http';
import { startServerProcess } from './support/server-process';

/** A server stopped (SIGTERM) under load: what it acknowledged is stored, and its last seal covers all of it. */
describe('graceful shutdown under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seals after the last acknowledged write', async () => {
    const server = await startServerProcess({ DATA_DIR: dir });
    const acknowledged: string[] = [];
    let stopping = false;
    const client = async () => {
      while (!stopping) {
        const res = await post(server.url, '/manifestations', complaint()).catch(() => null);
        if (res?.status === 201) acknowledged.push(res.body.protocol);
        if (!res) return;
      }
    };
    const clients = Array.from({ length: 4 }, client);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 10));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      server.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    server.child.kill('SIGTERM');
    // Nest runs the shutdown hooks, then ends the process by the signal it was sent.
    expect([
      { code: 0, signal: null },
      { code: null, signal: 'SIGTERM' },
    ]).toContainEqual(await exited);
    stopping = true;
    await Promise.all(clients);

    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    const seal = db.prepare(`SELECT position, data FROM events WHERE stream_id = 'audit-seals' ORDER BY position DESC LIMIT 1`).get() as {
      position: number;
      data: string;
    };
    const after = db.prepare(`SELECT count(*) AS n FROM events WHERE position > ? AND stream_id <> 'audit-seals'`).get(seal.position) as {
      n: number;
    };
    const before = db.prepare('SELECT count(*) AS n FROM events WHERE position < ?').get(seal.position) as { n: number };
    const stored = db.prepare(`SELECT count(*) AS n FROM events WHERE type = 'ManifestationRegistered'`).get() as { n: number };
    db.close();
    expect(after.n).toBe(0);
    expect(JSON.parse(seal.data).events).toBe(before.n);
    expect(stored.n).toBeGreaterThanOrEqual(acknowledged.length);
  });
});

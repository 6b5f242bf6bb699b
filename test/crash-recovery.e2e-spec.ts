import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { kill9, runServerToExit, startServerProcess } from './support/server-process';

/** The real server process, killed with SIGKILL while it writes: every acknowledged write is there after. */
describe('crash recovery of the built server', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-crash-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every acknowledged case and answer after kill -9 and a restart', async () => {
    const env = { DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456' };
    const first = await startServerProcess(env);
    const acknowledged = new Map<string, string>(); // protocol -> ETag

    // A steady stream of writes; the kill lands while some are in flight.
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          const created = await post(first.url, '/manifestations', complaint());
          if (created.status !== 201) throw new Error(`unexpected ${created.status}`);
          acknowledged.set(created.body.protocol, created.headers.get('etag')!);
          const classified = await post(first.url, `/manifestations/${created.body.protocol}/classification`, { theme: 'FINANCEIRO' });
          if (classified.status === 200) acknowledged.set(created.body.protocol, classified.headers.get('etag')!);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 5));
    await kill9(first.child);
    stop = true;
    await Promise.all(writers);

    const second = await startServerProcess(env);
    try {
      for (const [protocol, etag] of acknowledged) {
        const found = await get(second.url, `/manifestations/${protocol}`);
        expect({ protocol, status: found.status }).toEqual({ protocol, status: 200 });
        // The ETag we were given is the revision now stored, or an earlier one when the kill
        // landed between the write and our reading of its answer; never a lost one.
        expect(Number(JSON.parse(found.headers.get('etag')!))).toBeGreaterThanOrEqual(Number(JSON.parse(etag)));
      }
      // Protocol numbers continue after the restart instead of being issued twice.
      const next = await post(second.url, '/manifestations', complaint());
      expect(next.status).toBe(201);
      expect(acknowledged.has(next.body.protocol)).toBe(false);
    } finally {
      await kill9(second.child);
    }
  });

  it('refuses to start with an operator registration that is not 6 digits, saying why', async () => {
    const { code, output } = await runServerToExit({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '12345' });
    expect(code).toBe(78);
    expect(output).toContain('OPERATOR_ANS_REGISTRATION must be the 6-digit ANS registration');
  });

  it('warns at start-up when the operator registration is left at its default', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '' });
    try {
      expect(server.output()).toContain('OPERATOR_ANS_REGISTRATION is not set');
      const created = await post(server.url, '/manifestations', complaint());
      expect(created.body.protocol).toMatch(/^000000\d{14}$/);
    } finally {
      await kill9(server.child);
    }
  });
});

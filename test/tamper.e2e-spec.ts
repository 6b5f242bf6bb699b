import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer } from './support/auth';
import { cli } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';

/** What an insider with the files may do to the log, and what audit:verify, anchors and /verify say of it. */
describe('tamper evidence', () => {
  const pristine = mkdtempSync(join(tmpdir(), 'ouvidoria-tamper-'));
  const copies: string[] = [];
  const cases: Record<'answered' | 'alone' | 'last', string> = { answered: '', alone: '', last: '' };

  /** A copy of the sealed log to damage. */
  function copy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-tamper-copy-'));
    cpSync(pristine, dir, { recursive: true });
    copies.push(dir);
    return dir;
  }
  const sql = (dir: string, statement: string) => {
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare(statement).run();
    db.close();
  };
  const stream = (protocol: string) => `manifestation-${protocol}`;

  beforeAll(async () => {
    // Sealed twice: at start (the log's stored-format record) and at the graceful stop.
    const server = await startServerProcess({ DATA_DIR: pristine, AUDIT_SEAL_INTERVAL_SECONDS: '3600' });
    const register = async () => (await post(server.url, '/manifestations', complaint())).body.protocol as string;
    cases.answered = await register();
    cases.alone = await register();
    await post(server.url, `/manifestations/${cases.answered}/answer`, { text: 'Exame autorizado', outcome: 'PROCEDENTE' });
    await post(server.url, `/manifestations/${cases.answered}/close`, { reason: 'RESPONDIDA' });
    cases.last = await register();
    // A graceful stop seals everything written before it.
    await new Promise<void>((resolve) => {
      server.child.on('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
  });
  afterAll(() => {
    for (const dir of [pristine, ...copies]) rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the untouched log with its seal, and an anchor taken from it', () => {
    const anchor = cli(copy(), 'audit:anchor');
    expect(anchor.status).toBe(0);
    const verified = cli(pristine, 'audit:verify', '--anchor', anchor.stdout.trim());
    expect(verified.stdout).toMatch(/^intact: 8 events in 5 streams, 2 seals checked; the anchor holds/);
    expect(verified.status).toBe(0);
  });

  it("finds a deleted tail: a case's last event (its closing) gone, which no chain can see", () => {
    const dir = copy();
    sql(dir, `DELETE FROM events WHERE stream_id = '${stream(cases.answered)}' AND type = 'ManifestationClosed'`);
    const res = cli(dir, 'audit:verify');
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/^BROKEN at position \d+ \(stream .+, revision \d+\): seal #1 \(7 events\)/);
  });

  it('finds a deleted middle event of the log: a whole one-event case gone', () => {
    const dir = copy();
    sql(dir, `DELETE FROM events WHERE stream_id = '${stream(cases.alone)}'`);
    const res = cli(dir, 'audit:verify');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('seal #1');
  });

  it('cannot see the log cut back with its seal, but an anchor kept outside can', () => {
    const dir = copy();
    const anchor = cli(dir, 'audit:anchor').stdout.trim();
    sql(dir, `DELETE FROM events WHERE stream_id IN ('audit-seals', '${stream(cases.last)}')`);
    expect(cli(dir, 'audit:verify').status).toBe(0);
    const res = cli(dir, 'audit:verify', '--anchor', anchor);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('truncated');
    expect(cli(dir, 'audit:verify', '--anchor', 'not-an-anchor').status).toBe(64);
  });

  describe('a damaged event (a byte that breaks its JSON)', () => {
    let server: ServerProcess;
    let dir: string;
    beforeAll(async () => {
      dir = copy();
      sql(dir, `UPDATE events SET data = substr(data, 2) WHERE stream_id = '${stream(cases.alone)}'`);
      // Read models rebuilt from the log run into it.
      rmSync(join(dir, 'read-models'), { recursive: true, force: true });
      server = await startServerProcess({ DATA_DIR: dir });
    });
    afterAll(() => kill9(server.child));

    it('is reported by position and stream by the CLI', () => {
      const res = cli(dir, 'audit:verify');
      expect(res.status).toBe(1);
      expect(res.stderr).toMatch(
        new RegExp(`^BROKEN at position \\d+ \\(stream ${stream(cases.alone)}, revision 0\\): .*damaged: its data is not valid JSON`),
      );
    });

    it('is intact: false on GET .../verify, a 503 on the case, and other cases are served', async () => {
      const verify = await get(server.url, `/manifestations/${cases.alone}/verify`);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({
        intact: false,
        brokenAt: { revision: 0, position: expect.any(Number), reason: expect.stringContaining('damaged') },
      });
      const damaged = await get(server.url, `/manifestations/${cases.alone}`);
      expectProblem(damaged, 503, 'EVENT_DAMAGED');
      expect(damaged.body.detail).not.toMatch(/manifestation-|position/);
      expect((await get(server.url, `/manifestations/${cases.last}`)).status).toBe(200);
      expect(server.output()).not.toContain('INTERNAL_ERROR');
    });

    it('is, for a department it was not forwarded to, the same 404 as any case it may not see', async () => {
      const department = await bearer('department', 'd', 'regulacao');
      expectProblem(await get(server.url, `/manifestations/${cases.alone}`, department), 404, 'MANIFESTATION_NOT_FOUND');
      const reply = await post(
        server.url,
        `/manifestations/${cases.alone}/forwardings/00000000-0000-4000-8000-000000000000/reply`,
        { text: 'x' },
        department,
      );
      expectProblem(reply, 404, 'FORWARDING_NOT_FOUND');
    });

    it('leaves /health answering, degraded, naming where the read models are stuck', async () => {
      const health = await get(server.url, '/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.projections['work-queue']).toMatchObject({ blockedAt: expect.any(Number) });
    });

    it('leaves the latest seal readable to auditors at GET /audit/head, the same anchor as the CLI prints', async () => {
      const head = await get(server.url, '/audit/head', await bearer('auditor', 'ana'));
      expect(head.status).toBe(200);
      expect(head.body).toMatchObject({
        head: { position: expect.any(Number) },
        seal: { events: 7, anchor: expect.stringMatching(/^seal:7:/) },
      });
      expect(cli(copy(), 'audit:anchor').stdout.trim()).toBe(head.body.seal.anchor);
    });
  });
});

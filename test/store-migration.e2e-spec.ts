import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { cliWith } from './support/cli';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { eventually } from './support/kafka-mock';
import { kurrentDbForTests } from './support/kurrentdb/test-url';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { SHARED_SECRETS } from './support/two-instances';

const stop = (server: ServerProcess) =>
  new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });

/** An installation moves from its embedded log to KurrentDB: same cases, same figures, nothing counted twice. */
describe('moving an installation to KurrentDB with store:copy', () => {
  let dataDir: string;
  let kurrent: Awaited<ReturnType<typeof kurrentDbForTests>>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-migration-'));
    kurrent = await kurrentDbForTests();
  });
  afterAll(async () => {
    await kurrent.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the same queue and REA figures on the same DATA_DIR after the copy, and goes on writing', async () => {
    const embedded = await startServerProcess({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456' });
    const protocols: string[] = [];
    for (let i = 0; i < 4; i++) protocols.push((await post(embedded.url, '/manifestations', complaint())).body.protocol);
    const answered = await post(embedded.url, `/manifestations/${protocols[0]}/answer`, {
      text: 'Exame autorizado',
      outcome: 'PROCEDENTE',
    });
    const position = answered.headers.get('x-event-position');
    const view = async (server: ServerProcess, at: string | null) => ({
      queue: (await get(server.url, `/manifestations?limit=100&minPosition=${at ?? 0}`)).body.items,
      rea: (await get(server.url, `/reports/rea?year=2026&minPosition=${at ?? 0}`)).body,
    });
    const before = await view(embedded, position);
    const caseBefore = (await get(embedded.url, `/manifestations/${protocols[1]}`)).body;
    await stop(embedded);

    const prefix = `mig${randomUUID().slice(0, 8)}-`;
    const copy = await cliWith(
      {
        DATA_DIR: dataDir,
        OPERATOR_ANS_REGISTRATION: '123456',
        KURRENTDB_STREAM_PREFIX: prefix,
        KEY_ENCRYPTION_KEY: SHARED_SECRETS.KEY_ENCRYPTION_KEY,
      },
      'store:copy',
      '--to',
      kurrent.url,
    );
    expect(copy.stderr).toBe('');
    expect(copy.status).toBe(0);
    expect(copy.stdout).toMatch(/the target is intact/);

    expect(copy.stdout).toMatch(/copied \d+ data keys/);
    const onKurrent = {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: kurrent.url,
      KURRENTDB_STREAM_PREFIX: prefix,
      KEY_ENCRYPTION_KEY: SHARED_SECRETS.KEY_ENCRYPTION_KEY,
      PERSONAL_DATA_SECRET: readFileSync(join(dataDir, 'personal-data-secret'), 'utf8').trim(),
    };
    const moved = await startServerProcess({ DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '123456', ...onKurrent });
    try {
      await eventually(
        async () => {
          const { projections } = (await get(moved.url, '/health')).body as { projections: Record<string, { lagEvents: number }> };
          return Object.values(projections).every((p) => p.lagEvents === 0);
        },
        30_000,
        'the read models to catch up with the copied log',
      );
      expect(await view(moved, null)).toEqual(before);
      // The personal data copied sealed open there with the copied keys.
      const caseAfter = (await get(moved.url, `/manifestations/${protocols[1]}`)).body;
      expect({ requester: caseAfter.requester, description: caseAfter.description }).toEqual({
        requester: caseBefore.requester,
        description: caseBefore.description,
      });
      expect(caseBefore.requester.name).toMatch(/^[A-Z]/);
      // Their checkpoints were positions of the embedded log: each read model saw it and rebuilt.
      const readModels = Object.keys((await get(moved.url, '/health')).body.projections);
      expect(moved.output().match(/read model \S+ v\d+ was built from another log/g)).toHaveLength(readModels.length);
      const next = await post(moved.url, '/manifestations', complaint());
      expect(next.status).toBe(201);
      expect(Number(next.body.protocol.slice(-6))).toBe(Number(protocols[3].slice(-6)) + 1);
      const after = await view(moved, next.headers.get('x-event-position'));
      expect(after.queue).toHaveLength(before.queue.length + 1);
    } finally {
      await stop(moved);
    }
  }, 60_000);
});

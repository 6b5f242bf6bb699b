import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { expectProblem } from './support/problem';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';
import { mountSmallDisk, type SmallDisk } from './support/small-disk';

const disk = mountSmallDisk(8);
if (!disk) {
  const message = 'disk-full tests need to mount a tmpfs (run as root, as CI does)';
  if (process.env.REQUIRE_ROOT_TESTS === '1') throw new Error(message);
  // Jest drops what a skipped suite writes to the console, so this goes to stderr itself.
  process.stderr.write(`\n*** SKIPPED: ${message} ***\n`);
}
const describeWithDisk = disk ? describe : describe.skip;

/** The data folder on a real file system that fills up: refused writes, served reads, and recovery by itself. */
describeWithDisk('a full disk under the data folder', () => {
  const small = disk as SmallDisk;
  let server: ServerProcess;
  const acknowledged: string[] = [];

  beforeAll(async () => {
    server = await startServerProcess({ DATA_DIR: small.dir });
  });
  afterAll(async () => {
    if (server) await kill9(server.child);
    small.unmount();
  });

  async function register(): Promise<ReturnType<typeof post>> {
    const res = await post(server.url, '/manifestations', complaint({ description: 'x'.repeat(4000) }));
    if (res.status === 201) acknowledged.push(res.body.protocol);
    return res;
  }

  it('answers writes 507 with Retry-After while the disk is full, says so on /health, and keeps serving reads', async () => {
    for (let i = 0; i < 5; i++) expect((await register()).status).toBe(201);
    small.fill();
    let refused;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await register();
      if (res.status !== 201) refused = res;
    }
    expect(refused).toBeDefined();
    expectProblem(refused!, 507, 'STORAGE_FULL');
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(await register(), 507, 'STORAGE_FULL');

    const health = await get(server.url, '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', eventStore: 'writes-failing', writeFailure: { reason: 'disk_full' } });

    expect((await get(server.url, `/manifestations/${acknowledged[0]}`)).status).toBe(200);
    expect((await get(server.url, `/manifestations/${acknowledged[0]}/history`)).status).toBe(200);
    expect((await get(server.url, '/manifestations?limit=5')).status).toBe(200);
    expect(server.output()).not.toMatch(/INTERNAL_ERROR|at .*\.js:\d+/);
  });

  it('takes writes again once there is room, without a restart, and /health is ok again', async () => {
    small.free();
    expect((await register()).status).toBe(201);
    expect((await get(server.url, '/health')).body).toMatchObject({ status: 'ok', eventStore: 'up' });
  });

  it('lost nothing it acknowledged, across a kill -9', async () => {
    await kill9(server.child);
    server = await startServerProcess({ DATA_DIR: small.dir });
    for (const protocol of acknowledged) expect((await get(server.url, `/manifestations/${protocol}`)).status).toBe(200);
  });
});

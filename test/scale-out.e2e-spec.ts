import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KurrentDbEventStore } from '@app/event-store';
import { KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import { bearer } from './support/auth';
import { cliWith } from './support/cli';
import { complaint, escalation } from './support/fixtures';
import { get, post, type HttpResult } from './support/http';
import { eventually } from './support/kafka-mock';
import { expectProblem } from './support/problem';
import { kill9 } from './support/server-process';
import { startTwoInstances, type TwoInstances } from './support/two-instances';

const sequenceOf = (protocol: string) => Number(protocol.slice(-6));

/** Two instances on one KurrentDB: what one SQLite file guaranteed must hold across them. */
describe('two instances on one KurrentDB', () => {
  let two: TwoInstances;
  let a: string;
  let b: string;
  beforeAll(async () => {
    // Retention 0: a closed case may be erased at once (the erasure test); the job runs only at each start.
    two = await startTwoInstances({ RETENTION_YEARS: '0' });
    [a, b] = two.instances.map((i) => i.url);
  }, 60_000);
  afterAll(() => two.close());

  it('gives 20 concurrent registrations split across both 20 distinct, consecutive protocol numbers', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, '/manifestations', complaint())));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const sequences = results.map((r) => sequenceOf(r.body.protocol)).sort((x, y) => x - y);
    expect(new Set(sequences).size).toBe(20);
    expect(sequences[19] - sequences[0]).toBe(19);
  });

  it('lets exactly one of parallel answers to one manifestation through both instances succeed', async () => {
    const { protocol } = (await post(a, '/manifestations', complaint())).body;
    const answer = { text: 'Exame autorizado', outcome: 'PROCEDENTE' };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(i % 2 ? a : b, `/manifestations/${protocol}/answer`, answer)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((r) => r.status !== 200)) expect([409]).toContain(r.status);
    expect(
      (await get(b, `/manifestations/${protocol}/history`)).body.events.filter((e: { type: string }) => e.type === 'ManifestationAnswered'),
    ).toHaveLength(1);
  });

  it('opens one manifestation for one SAC escalation delivered ten times to each instance', async () => {
    const body = escalation({ escalationId: `sac-${Date.now()}` });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? a : b, '/sac-escalations', body)));
    expect(new Set(results.map((r) => r.body.protocol)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
  });

  it("shows a write made on one instance on the other's read models, with minPosition", async () => {
    const registered = await post(a, '/manifestations', complaint({ subject: 'Visto de outra instância' }));
    const position = registered.headers.get('x-event-position');
    const queue = await get(b, `/manifestations?minPosition=${position}&limit=100`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { protocol: string }) => i.protocol)).toContain(registered.body.protocol);
    expect((await get(b, `/manifestations/${registered.body.protocol}`)).status).toBe(200);
  });

  it('keeps personal data sealed in the shared log, opened on every instance with the keys they share', async () => {
    const requester = { kind: 'BENEFICIARIO', name: 'Genoveva Umbuzeira', document: '11144477735', email: 'genoveva@example.com' };
    const { protocol } = (await post(a, '/manifestations', complaint({ requester }))).body;
    expect((await get(b, `/manifestations/${protocol}`)).body.requester).toMatchObject({
      name: requester.name,
      document: requester.document,
    });
    const stored = new KurrentDbEventStore({ url: two.kurrent.url, streamPrefix: two.env.KURRENTDB_STREAM_PREFIX });
    try {
      const [registration] = await stored.readStream(`manifestation-${protocol}`);
      expect(JSON.stringify(registration.data)).not.toMatch(/Genoveva|Umbuzeira|11144477735|genoveva@/);
      expect(registration.data).toMatchObject({ protocol, manifestationType: 'RECLAMACAO' });
    } finally {
      await stored.close();
    }
  });

  it('erases a subject on one instance for both: the key gone from the cluster, values [erased] on the other at once', async () => {
    const requester = { kind: 'BENEFICIARIO', name: 'Jandira Mulungu', document: '390.533.447-05', email: 'jandira@example.com' };
    const { protocol } = (await post(a, '/manifestations', complaint({ requester }))).body;
    await post(a, `/manifestations/${protocol}/answer`, { text: 'Mulungu atendida', outcome: 'PROCEDENTE' });
    await post(a, `/manifestations/${protocol}/close`, { reason: 'RESPONDIDA' });
    // The other instance opens (and remembers) the key before the erasure.
    expect((await get(b, `/manifestations/${protocol}`)).body.requester.name).toBe(requester.name);
    const dpo = await bearer('dpo', 'encarregado');
    const erased = await post(a, '/data-subjects/erasure', { document: requester.document }, dpo);
    expect(erased.body).toMatchObject({ status: 'ERASED', protocols: [protocol] });
    const seen = await eventually(async () => {
      const view = (await get(b, `/manifestations/${protocol}`)).body;
      return view.requester.name === '[erased]' && view;
    }, 10_000);
    expect(seen).toMatchObject({ description: '[erased]', answer: { text: '[erased]', outcome: 'PROCEDENTE' } });
    expect((await get(b, '/data-subjects/39053344705/export', dpo)).body.cases[0].manifestation.requester.email).toBe('[erased]');
    const client = KurrentDBClient.connectionString(two.kurrent.url);
    try {
      const keyStream = `${two.env.KURRENTDB_STREAM_PREFIX}keys-${erased.body.dataSubject}`;
      await expect(client.readStream(keyStream, { maxCount: 1 }).next()).rejects.toBeInstanceOf(StreamNotFoundError);
    } finally {
      await client.dispose();
    }
  });

  it('audits the shared log unchanged: verify over HTTP on either instance, audit:verify, audit:anchor and audit:replay', async () => {
    const { protocol } = (await post(a, '/manifestations', complaint())).body;
    await post(b, `/manifestations/${protocol}/classification`, { theme: 'FINANCEIRO' });
    await post(a, `/manifestations/${protocol}/answer`, { text: 'Reembolso feito', outcome: 'PROCEDENTE' });
    for (const url of [a, b])
      expect((await get(url, `/manifestations/${protocol}/verify`)).body).toEqual({ protocol, intact: true, events: 3 });

    const dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-cli-'));
    try {
      const onStore = { ...two.env, DATA_DIR: dataDir };
      const verified = await cliWith(onStore, 'audit:verify');
      expect(verified.stderr).toBe('');
      expect(verified.status).toBe(0);
      expect(verified.stdout).toMatch(/^intact: \d+ events in \d+ streams, \d+ seals checked\n$/);

      const anchored = await cliWith(onStore, 'audit:anchor');
      expect(anchored.status).toBe(0);
      const anchor = anchored.stdout.trim();
      expect(anchor).toMatch(/^seal:\d+:[0-9a-f-]{36}:[0-9a-f]{64}$/);
      const withAnchor = await cliWith(onStore, 'audit:verify', '--anchor', anchor);
      expect(withAnchor.status).toBe(0);
      expect(withAnchor.stdout).toContain('the anchor holds');

      const replay = await cliWith(onStore, 'audit:replay', protocol);
      expect(replay.status).toBe(0);
      const lines = replay.stdout.trim().split('\n');
      expect(lines[0]).toBe(`manifestation ${protocol}`);
      expect(lines.slice(1).map((line) => /#\d+ {2}\S+ \(\S+\) {2}(\w+)/.exec(line)?.[1])).toEqual([
        'registered',
        'classified',
        'answered',
      ]);

      const unreachable = await cliWith({ ...onStore, KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' }, 'audit:verify');
      expect(unreachable.status).toBe(69);
      expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^the event store is unavailable \(unreachable\)/)]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const onTestServer = !process.env.KURRENTDB_TEST_URL;
  (onTestServer ? it : it.skip)(
    'answers 503 with Retry-After while the store is away, and serves again when it is back, without a restart',
    async () => {
      const server = two.kurrent.server!;
      await server.stop();
      const refused = await post(a, '/manifestations', complaint());
      expectProblem(refused, 503, 'EVENT_STORE_UNAVAILABLE');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await get(b, '/health')).status).toBe(503);
      await server.restart();
      const back = await eventually(
        async () => {
          const res = await post(a, '/manifestations', complaint());
          return res.status === 201 && res;
        },
        30_000,
        'writes to be taken again',
      );
      await eventually(
        async () => (await get(b, `/manifestations/${back.body.protocol}`)).status === 200,
        30_000,
        'reads on the other instance',
      );
      expect((await get(a, '/health')).status).toBe(200);
    },
    60_000,
  );

  it('loses no acknowledged write when an instance is killed with kill -9 mid-stream', async () => {
    const victim = two.instances[1];
    const acknowledged: string[] = [];
    let running = true;
    const writer = (async () => {
      while (running) {
        const res: HttpResult | null = await post(victim.url, '/manifestations', complaint()).catch(() => null);
        if (!res) return;
        if (res.status === 201) acknowledged.push(res.body.protocol);
      }
    })();
    await eventually(() => acknowledged.length >= 15, 20_000, 'some writes');
    await kill9(victim.child);
    running = false;
    await writer;
    for (const protocol of acknowledged) expect((await get(a, `/manifestations/${protocol}`)).status).toBe(200);
  });
});

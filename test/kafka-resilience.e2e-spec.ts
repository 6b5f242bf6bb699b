import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaint } from './support/fixtures';
import { get, post } from './support/http';
import { consume, describeKafka, eventually, mockEnv, startMockCluster, type MockCluster } from './support/kafka-mock';
import { kill9, startServerProcess, type ServerProcess } from './support/server-process';

const MANIFESTATIONS = 'ouvidoria.manifestations.v1';

/** Every event id in the log, read from the SQLite file itself. */
function storedEventIds(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { id: string }>("SELECT event_id AS id FROM events WHERE stream_id LIKE 'manifestation-%' ORDER BY position")
      .all()
      .map((row) => row.id);
  } finally {
    db.close();
  }
}

/** The position of the log's last event. */
function lastStoredPosition(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { last: number }>('SELECT max(position) AS last FROM events').get()!.last;
  } finally {
    db.close();
  }
}

/** Where the relay's checkpoint stood, read from its SQLite file. */
function relayCheckpoint(dataDir: string): number {
  const db = new Database(join(dataDir, 'kafka-relay.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { position: number }>('SELECT position FROM relay_checkpoint').get()?.position ?? 0;
  } finally {
    db.close();
  }
}

const lagOf = async (server: ServerProcess) => (await get(server.url, '/health')).body.kafka.relay;

describeKafka('the Kafka relay across crashes and outages (server processes, mock cluster)', () => {
  let mock: MockCluster;
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    mock = await startMockCluster();
  }, 30_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ouvidoria-kafka-'));
  });
  afterEach(async () => {
    if (server) await kill9(server.child);
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(() => mock?.stop());

  it('resumes after kill -9 mid-stream from its checkpoint: duplicates possible, gaps never', async () => {
    const env = { ...mockEnv(mock, 'crash-intake'), DATA_DIR: dataDir, OPERATOR_ANS_REGISTRATION: '111111' };
    server = await startServerProcess(env);
    const writes = Array.from({ length: 300 }, (_, i) => post(server!.url, '/manifestations', complaint({ subject: `Caso ${i}` })));
    const settled = Promise.allSettled(writes); // the writes still in flight at the kill fail
    await Promise.all(writes.slice(0, 30));
    // Registrations cost a slow hash each, so the relay keeps up easily: kill when it is seen behind.
    await eventually(async () => (await lagOf(server!)).lagEvents >= 3, 20_000, 'the relay behind the log');
    await kill9(server.child); // the relay is somewhere in the middle of the log
    await settled;
    // The crash left the relay behind the log: what follows is a real resumption.
    expect(relayCheckpoint(dataDir)).toBeLessThan(lastStoredPosition(dataDir));

    server = await startServerProcess(env);
    const last = await post(server.url, '/manifestations', complaint({ subject: 'Depois' }));
    await eventually(
      async () => {
        const relay = await lagOf(server!);
        return relay.lagEvents === 0 && relay.position >= Number(last.headers.get('x-event-position'));
      },
      30_000,
      'the relay to catch up after the restart',
    );

    const published = new Set(
      consume(mock.brokers, MANIFESTATIONS)
        .filter((m) => m.key?.startsWith('111111'))
        .map((m) => m.headers.ce_id),
    );
    const stored = storedEventIds(dataDir);
    expect(stored.length).toBeGreaterThan(30);
    expect(stored.filter((id) => !published.has(id))).toEqual([]);
  });

  it('keeps serving while the broker is absent at start-up, then delivers everything once it is there', async () => {
    // A gate on a port of ours: closed at first, then forwarding to the mock's first broker.
    const gate = await new Promise<Server>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => resolve(probe));
    });
    const port = (gate.address() as { port: number }).port;
    await new Promise((resolve) => gate.close(resolve));

    const env = {
      ...mockEnv(mock, 'outage-intake'),
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      OPERATOR_ANS_REGISTRATION: '222222',
    };
    server = await startServerProcess(env);
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await post(server.url, '/manifestations', complaint({ subject: `Sem Kafka ${i}` })));
    expect(written.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const degraded = await eventually(
      async () => {
        const health = await get(server!.url, '/health');
        return health.body.kafka.relay.status === 'degraded' && health;
      },
      20_000,
      'the relay to report Kafka degraded',
    );
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', kafka: { status: 'degraded', relay: { lagEvents: 5 } } });

    const [host, brokerPort] = mock.brokers.split(',')[0].split(':');
    const open = createServer((socket) => {
      const upstream = createConnection(Number(brokerPort), host);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => open.listen(port, '127.0.0.1', resolve));
    try {
      await eventually(async () => (await lagOf(server!)).lagEvents === 0, 60_000, 'the relay to deliver after the outage');
      const published = new Set(consume(mock.brokers, MANIFESTATIONS).map((m) => m.headers.ce_id));
      expect(storedEventIds(dataDir).filter((id) => !published.has(id))).toEqual([]);
      expect((await get(server.url, '/health')).body.kafka.relay.status).toBe('up');
    } finally {
      open.close();
    }
  }, 90_000);
});

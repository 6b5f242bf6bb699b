import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { KurrentDbEventStore, SqliteEventStore, type EventStore } from '@app/event-store';
import { commandPathRegistrations } from './command-path';

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

/**
 * The KurrentDB wire test server in a process of its own (or KURRENTDB_TEST_URL), so that it does
 * not share the event loop of what is measured.
 */
async function startStore(): Promise<{ url: string; stop(): void }> {
  if (process.env.KURRENTDB_TEST_URL) return { url: process.env.KURRENTDB_TEST_URL, stop: () => undefined };
  const child: ChildProcess = spawn(process.execPath, [...TS_NODE, join(__dirname, '../test/support/kurrentdb/main.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the KurrentDB test server exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

/**
 * How long another instance takes to hold a lease whose holder died right after renewing it, with
 * the relay's cadence: the survivor tries every third of the time to live. Bounded by ttl + ttl/3.
 */
async function leaseTakeOverMs(store: EventStore, ttlMs: number): Promise<number> {
  const name = `bench-${Date.now()}`;
  const lease = (holder: string) => store.acquireLease(name, holder, ttlMs, {});
  await lease('holder');
  // The survivor has been polling on its own timer; its phase against the holder's death is random.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * (ttlMs / 3)));
  const diedAt = Date.now();
  for (;;) {
    if ((await lease('survivor')).holder === 'survivor') return Date.now() - diedAt;
    await new Promise((resolve) => setTimeout(resolve, ttlMs / 3));
  }
}

export interface KurrentDbBench {
  sqlite: { one: number; many: number };
  kurrentdb: { one: number; many: number };
  takeOver: { ttlMs: number; sqliteMs: number[]; kurrentdbMs: number[] };
  onRealNode: boolean;
}

/** Registrations through the command path on the KurrentDB adapter beside SQLite, and lease take-over times. */
export async function kurrentDbBench(dir: string, count: number, ttlMs: number, rounds: number): Promise<KurrentDbBench> {
  const server = await startStore();
  try {
    const prefix = `bench${Date.now()}-`;
    const onKurrent = {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: server.url,
      KURRENTDB_STREAM_PREFIX: prefix,
      PERSONAL_DATA_SECRET: 'bench-only-personal-data-secret-0123456789',
      KEY_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    };
    const sqlite = {
      one: (await commandPathRegistrations(join(dir, 'sqlite-1'), count, 1)).perSecond,
      many: (await commandPathRegistrations(join(dir, 'sqlite-32'), count, 32)).perSecond,
    };
    const kurrentdb = {
      one: (await commandPathRegistrations(join(dir, 'kurrent-1'), count, 1, onKurrent)).perSecond,
      many: (await commandPathRegistrations(join(dir, 'kurrent-32'), count, 32, onKurrent)).perSecond,
    };
    const kurrentStore = new KurrentDbEventStore({ url: server.url, streamPrefix: prefix });
    const sqliteStore = new SqliteEventStore({ file: join(dir, 'leases.sqlite') });
    const takeOver = { ttlMs, sqliteMs: [] as number[], kurrentdbMs: [] as number[] };
    try {
      for (let i = 0; i < rounds; i++) {
        takeOver.sqliteMs.push(await leaseTakeOverMs(sqliteStore, ttlMs));
        takeOver.kurrentdbMs.push(await leaseTakeOverMs(kurrentStore, ttlMs));
      }
    } finally {
      await kurrentStore.close();
      await sqliteStore.close();
    }
    return { sqlite, kurrentdb, takeOver, onRealNode: Boolean(process.env.KURRENTDB_TEST_URL) };
  } finally {
    server.stop();
  }
}

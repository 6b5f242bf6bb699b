import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const PER_PROCESS = 500;

/**
 * A child process that opens the sequence, says "ready", waits for "go" on stdin (so both children
 * increment at the same time) and prints one number per line.
 */
function incrementerScript(file: string): string {
  const modulePath = path.join(__dirname, 'sqlite-event-store');
  return `
import { SqliteEventStore } from ${JSON.stringify(modulePath)};

const store = new SqliteEventStore({ file: ${JSON.stringify(file)} });
const sequence = store.dailySequence();
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const numbers: number[] = [];
  for (let i = 0; i < ${PER_PROCESS}; i++) numbers.push(await sequence.next('2024-03-01'));
  await store.close();
  process.stdout.write(numbers.join('\\n') + '\\n', () => process.exit(0));
});
`;
}

interface Incrementer {
  ready: Promise<void>;
  done: Promise<number[]>;
  go(): void;
}

function startIncrementer(script: string): Incrementer {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.json') },
  });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`incrementer exited with ${code}: ${stderr}`));
      resolve(stdout.split('\n').slice(1).filter(Boolean).map(Number));
    });
  });
  return { ready: Promise.race([ready, done.then(() => undefined)]), done, go: () => child.stdin.end('go\n') };
}

describe('SqliteDailySequence (real SQLite file)', () => {
  let dir: string;
  let file: string;
  let stores: SqliteEventStore[];

  const openStore = () => {
    const store = new SqliteEventStore({ file });
    stores.push(store);
    return store;
  };
  const open = () => openStore().dailySequence();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-daily-sequence-'));
    file = path.join(dir, 'events.db');
    stores = [];
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts 1, 2, 3 within a day', async () => {
    const sequence = open();

    expect(await sequence.next('2024-03-01')).toBe(1);
    expect(await sequence.next('2024-03-01')).toBe(2);
    expect(await sequence.next('2024-03-01')).toBe(3);
  });

  it('keeps an independent counter per day', async () => {
    const sequence = open();

    await sequence.next('2024-03-01');
    await sequence.next('2024-03-01');

    expect(await sequence.next('2024-03-02')).toBe(1);
    expect(await sequence.next('2024-03-01')).toBe(3);
    expect(await sequence.next('2024-03-02')).toBe(2);
  });

  it('continues after the file is reopened', async () => {
    const firstStore = openStore();
    const first = firstStore.dailySequence();
    await first.next('2024-03-01');
    await first.next('2024-03-01');
    await firstStore.close();

    const reopened = open();

    expect(await reopened.next('2024-03-01')).toBe(3);
    expect(await reopened.next('2024-03-02')).toBe(1);
  });

  it('hands out consecutive numbers, in the order asked, to requests made together', async () => {
    const sequence = open();
    await sequence.next('2024-03-01');
    const together = await Promise.all([
      sequence.next('2024-03-01'),
      sequence.next('2024-03-02'),
      sequence.next('2024-03-01'),
      sequence.next('2024-03-01'),
    ]);
    expect(together).toEqual([2, 1, 3, 4]);
    expect(await sequence.next('2024-03-01')).toBe(5);
  });

  it('lives in the same file and connection as the event store without disturbing it', async () => {
    const store = openStore();
    const sequence = store.dailySequence();
    {
      expect(await sequence.next('2024-03-01')).toBe(1);
      await store.append(
        'stream-a',
        [
          {
            id: 'a0',
            type: 'Something',
            data: {},
            metadata: {
              eventId: 'a0',
              occurredAt: 'now',
              actor: { sub: 'tester', role: 'ouvidoria' },
              correlationId: 'c',
              causationId: 'c',
            },
          },
        ],
        'no_stream',
      );
      expect(await sequence.next('2024-03-01')).toBe(2);
      expect(await store.readStream('stream-a')).toHaveLength(1);
    }
  });

  it('leaves the store committing with its own durability after each increment', async () => {
    const store = new SqliteEventStore({ file, synchronous: 'FULL' });
    stores.push(store);
    await store.dailySequence().next('2024-03-01');
    const probe = (store as unknown as { db: { pragma(p: string, o: object): unknown } }).db;
    expect(probe.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('hands out distinct numbers to two OS processes incrementing the same file at once', async () => {
    const script = path.join(dir, 'increment.ts');
    fs.writeFileSync(script, incrementerScript(file));

    const children = [startIncrementer(script), startIncrementer(script)];
    await Promise.all(children.map((child) => child.ready));
    children.forEach((child) => child.go());
    const [first, second] = await Promise.all(children.map((child) => child.done));

    expect(first).toHaveLength(PER_PROCESS);
    expect(second).toHaveLength(PER_PROCESS);
    // Each process sees its own numbers rise: no counter ever went backwards.
    for (const numbers of [first, second]) numbers.slice(1).forEach((n, i) => expect(n).toBeGreaterThan(numbers[i]));
    const all = [...first, ...second].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 2 * PER_PROCESS }, (_, i) => i + 1));
    expect(await open().next('2024-03-01')).toBe(2 * PER_PROCESS + 1);
  }, 60_000);
});

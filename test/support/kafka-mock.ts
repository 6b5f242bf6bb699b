import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { describeNeeding } from './describe-needing';

/**
 * A real Kafka wire protocol without a broker: librdkafka's mock cluster, started through kcat
 * (see docs/testing.md), and kcat as the independent client that reads what the
 * product publishes and writes what other systems would send.
 */
const hasKcat = spawnSync('kcat', ['-V']).status === 0;

/** `describe` when kcat is here; otherwise a loud skip, or a failure when REQUIRE_KAFKA_TESTS=1. */
export const describeKafka = (name: string, body: () => void): void =>
  describeNeeding({ has: hasKcat, what: 'kcat', install: 'apt-get install -y kcat', requiredBy: 'REQUIRE_KAFKA_TESTS' }, name, body);

export interface MockCluster {
  brokers: string;
  stop(): void;
}

export function startMockCluster(): Promise<MockCluster> {
  const child: ChildProcess = spawn(
    'kcat',
    ['-b', 'ignored:9092', '-X', 'test.mock.num.brokers=3', '-d', 'mock', '-C', '-t', '_keepalive', '-o', 'end'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mock cluster did not start:\n${log}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /bootstrap\.servers=([0-9.:,]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners('data');
        child.stderr!.resume();
        resolve({ brokers: match[1], stop: () => child.kill('SIGKILL') });
      }
    });
  });
}

/** What the product needs to run against the mock: no topic creation, no idempotent producer. */
export const mockEnv = (mock: MockCluster, group: string) => ({
  KAFKA_BROKERS: mock.brokers,
  KAFKA_IDEMPOTENT_PRODUCER: 'false',
  KAFKA_CREATE_TOPICS: 'false',
  KAFKA_SAC_GROUP: group,
  CLOUDEVENTS_SOURCE: 'urn:test:ouvidoria',
});

export interface ConsumedMessage {
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers: Record<string, string>;
}

/** Everything on a topic so far, read by kcat (`-J`), in partition then offset order. */
export function consume(brokers: string, topic: string): ConsumedMessage[] {
  const result = spawnSync('kcat', ['-b', brokers, '-C', '-t', topic, '-J', '-e', '-q', '-o', 'beginning'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const m = JSON.parse(line) as { partition: number; offset: number; key: string | null; payload: string | null; headers?: string[] };
      const headers: Record<string, string> = {};
      for (let i = 0; i < (m.headers?.length ?? 0); i += 2) headers[m.headers![i]] = m.headers![i + 1];
      return { partition: m.partition, offset: m.offset, key: m.key, payload: m.payload, headers };
    })
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** Produces one message with kcat, as another system would. */
export function produce(brokers: string, topic: string, key: string, value: string): void {
  const result = spawnSync('kcat', ['-b', brokers, '-P', '-t', topic, '-k', key], { input: value, encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) throw new Error(`kcat -P failed: ${result.stderr}`);
}

/** Polls `check` until it returns a truthy value, or fails after `ms`. */
export async function eventually<T>(check: () => T | false | Promise<T | false>, ms = 20_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

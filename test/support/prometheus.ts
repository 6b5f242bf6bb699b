import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeNeeding } from './describe-needing';

/** Debian's `prometheus` package: the server, and `promtool`. */
export const hasPrometheus = spawnSync('prometheus', ['--version']).status === 0 && spawnSync('promtool', ['--version']).status === 0;

/** `describe` when Prometheus is here; otherwise a loud skip, or a failure when REQUIRE_PROMETHEUS_TESTS=1 (CI). */
export const describePrometheus = (name: string, body: () => void): void =>
  describeNeeding(
    { has: hasPrometheus, what: 'prometheus', install: 'apt-get install -y prometheus', requiredBy: 'REQUIRE_PROMETHEUS_TESTS' },
    name,
    body,
  );

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface PrometheusServer {
  url: string;
  /** The value of an instant query's first sample, or undefined when it has none. */
  query(expression: string): Promise<number | undefined>;
  stop(): void;
}

/** A real Prometheus scraping `target` (host:port) every second, with its own storage in a temporary folder. */
export async function startPrometheus(target: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ouvidoria-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:\n  - job_name: ouvidoria\n    static_configs: [{ targets: ['${target}'] }]\n`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async query(expression) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`).catch(() => null);
      if (!res?.ok) return undefined;
      const body = (await res.json()) as { data: { result: Array<{ value: [number, string] }> } };
      const [first] = body.data.result;
      return first ? Number(first.value[1]) : undefined;
    },
    stop() {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

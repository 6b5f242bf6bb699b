import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';

interface Service {
  build?: string;
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
}

/** docker-compose.yml as Compose reads it: YAML merge keys applied, `${VAR:-default}` as with VAR unset. */
const compose = parse(readFileSync(join(__dirname, '../../../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const unset = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
const apps = Object.entries(compose.services).filter(([, service]) => service.build === '.');
const hostOf = (address: string) => new URL(address.includes('://') ? address : `kafka://${address}`).hostname;

describe('docker-compose.yml', () => {
  it('runs the app by default and a second instance under the scale profile', () => {
    expect(apps.map(([name, service]) => [name, service.profiles ?? []])).toEqual([
      ['ouvidoria-api', []],
      ['ouvidoria-api-2', ['scale']],
    ]);
  });

  it.each(apps)('starts %s with a configuration the app accepts, on KurrentDB and Kafka services of the same file', (_, service) => {
    const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, unset(String(value))]));
    const config = loadConfig(env);
    expect(config.eventStore.kind).toBe('kurrentdb');
    const url = config.eventStore.kind === 'kurrentdb' ? config.eventStore.url : '';
    expect(compose.services[hostOf(url)]?.image).toMatch(/kurrentdb/);
    expect(compose.services[hostOf(env.KAFKA_BROKERS)]?.image).toMatch(/kafka/);
  });

  it('runs Prometheus under the observability profile with deploy/prometheus, scraping the app on its METRICS_PORT', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus.profiles).toEqual(['observability']);
    expect(prometheus.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
    const scrape = parse(readFileSync(join(__dirname, '../../../../deploy/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    const [target] = scrape.scrape_configs[0].static_configs[0].targets;
    const [host, port] = target.split(':');
    const app = compose.services[host];
    expect(app?.build).toBe('.');
    expect(
      loadConfig(Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, unset(String(v))]))).operations.metrics,
    ).toEqual({
      port: Number(port),
      host: '0.0.0.0',
    });
  });

  it('gives each instance a data folder of its own (read models, relay memory) and a port of its own', () => {
    const dataVolumes = apps.map(([, service]) => service.volumes?.find((v) => v.endsWith(':/data')));
    const ports = apps.map(([, service]) => service.ports?.[0].split(':')[0]);
    expect(new Set(dataVolumes).size).toBe(apps.length);
    expect(new Set(ports).size).toBe(apps.length);
    expect(dataVolumes).not.toContain(undefined);
  });
});

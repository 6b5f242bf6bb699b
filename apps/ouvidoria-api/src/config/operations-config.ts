/** How the server is watched: its logs, its metrics endpoint and what "ready" means. */
export interface OperationsConfig {
  /** JSON lines (one object per line, for a log shipper) or readable lines for a person at a terminal. */
  logFormat: 'json' | 'pretty';
  logLevel: LogLevel;
  /** Prometheus metrics on their own port, not exposed with the API; absent: no metrics endpoint. */
  metrics?: { port: number; host: string };
  /** `/health/ready` answers 503 while a read model is more than this many events behind the log. */
  readyMaxLagEvents: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type IntSetting = (name: string, fallback: number, min: number, max: number) => number;

export function operationsConfig(
  env: NodeJS.ProcessEnv,
  problems: string[],
  int: IntSetting,
  apiHost: string,
  apiPort: number,
): OperationsConfig {
  const format = (env.LOG_FORMAT || (process.stdout.isTTY ? 'pretty' : 'json')).toLowerCase();
  if (format !== 'json' && format !== 'pretty') problems.push(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  const level = (env.LOG_LEVEL || 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const metricsPort = env.METRICS_PORT ? int('METRICS_PORT', 0, 0, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === apiPort) {
    problems.push('METRICS_PORT must differ from PORT: the metrics are served apart from the API');
  }
  return {
    logFormat: format === 'pretty' ? 'pretty' : 'json',
    logLevel: LOG_LEVELS.includes(level) ? level : 'info',
    ...(metricsPort === undefined ? {} : { metrics: { port: metricsPort, host: env.METRICS_HOST || apiHost } }),
    readyMaxLagEvents: int('READY_MAX_LAG_EVENTS', 1000, 0, 100_000),
  };
}

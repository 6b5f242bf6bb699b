import { Counter, Histogram, type Registry } from 'prom-client';
import type { WriteObserver } from '../application/ports';

/** The one metrics registry of the app: the write path registers here, the metrics feature adds its gauges and serves it. */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The write path as Prometheus sees it: commands by type and outcome, append latency, group-commit sizes. */
export class WriteMetrics implements WriteObserver {
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly commandSeconds: Histogram<'command'>;
  private readonly appendSeconds: Histogram;
  private readonly commitAppends: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.commands = new Counter({
      name: 'ouvidoria_commands_total',
      help: 'Commands decided, by command type and outcome (accepted, or the refusal code)',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.commandSeconds = new Histogram({
      name: 'ouvidoria_command_duration_seconds',
      help: 'Time from loading the stream to the append being durable, by command type',
      labelNames: ['command'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.appendSeconds = new Histogram({
      name: 'ouvidoria_event_append_duration_seconds',
      help: "Time a command's append takes until the store has made it durable (the command path; not seals, counters or notification records)",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.commitAppends = new Histogram({
      name: 'ouvidoria_event_store_group_commit_appends',
      help: 'Appends made durable by one commit (one fsync) of the embedded store',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
  }

  command(type: string, outcome: string, seconds: number): void {
    this.commands.inc({ command: type, outcome });
    this.commandSeconds.observe({ command: type }, seconds);
  }

  append(seconds: number): void {
    this.appendSeconds.observe(seconds);
  }

  commit(appends: number): void {
    this.commitAppends.observe(appends);
  }
}

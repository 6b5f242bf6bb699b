import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * The order a stopping server lets go of things, before the event store closes (HTTP has closed
 * already): first what writes to the log from outside (the Kafka intake), then the last seal, so
 * that it covers every acknowledged write, then what reads the log (projections, the relay).
 */
export const SHUTDOWN_PHASES = ['stop-inputs', 'seal', 'stop-followers'] as const;
export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];

@Injectable()
export class Shutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly steps: Array<{ phase: ShutdownPhase; name: string; run: () => Promise<void> }> = [];
  private stopping = false;

  /** From the moment the server begins to stop (before HTTP drains): `/health/ready` answers 503. */
  get isStopping(): boolean {
    return this.stopping;
  }

  beforeApplicationShutdown(signal?: string): void {
    this.stopping = true;
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: draining HTTP requests, then the inputs, the last seal and the followers`);
  }

  register(phase: ShutdownPhase, name: string, run: () => Promise<void>): void {
    this.steps.push({ phase, name, run });
  }

  /** Every step, phase by phase; one that fails is logged and does not keep the others from running. */
  async run(): Promise<void> {
    for (const phase of SHUTDOWN_PHASES) {
      for (const step of this.steps.filter((s) => s.phase === phase)) {
        try {
          await step.run();
        } catch (error) {
          this.logger.error(`${step.name} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
}

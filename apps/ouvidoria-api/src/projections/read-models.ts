import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { CLOCK, READ_MODEL_LOG, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { problem, ProblemException } from '../problems/problem';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionLag } from './projection-runner';
import { ReadModelDirectory } from './read-model-storage';

/** Under DATA_DIR: one SQLite file per projection and version (see `ReadModelDirectory`). */
export const READ_MODELS_DIR = 'read-models';

/** How long a query waits for a read model to reach the position a client asked for. */
const MIN_POSITION_WAIT_MS = 2000;

/**
 * The read models of the server: each read-model module registers its projection while the app
 * initialises; `start` catches them up with the log and keeps them current. They follow the log as
 * stored, personal values sealed, so their catch-up and rebuilds cost no decryption (the department
 * inbox keeps pointers and its query opens those it returns); only a projection that
 * `readsPersonalValues` (the REA report's reasons) follows it opened. Queries ask for a
 * projection's live database on each call (a rebuild may switch it).
 */
@Injectable()
export class ReadModels {
  private readonly projections: Projection[] = [];
  private runner?: ProjectionRunner;
  private stopping = false;
  private caughtUp!: () => void;
  /** Resolves once the read models have caught up with the log at start. */
  readonly ready = new Promise<void>((resolve) => (this.caughtUp = resolve));

  constructor(
    @Inject(READ_MODEL_LOG) private readonly store: EventStore,
    @Inject(EVENT_STORE) private readonly opened: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  register(projection: Projection): void {
    if (this.runner) throw new Error(`projection ${projection.name} registered after the read models started`);
    if (this.projections.some((p) => p.name === projection.name)) throw new Error(`projection ${projection.name} registered twice`);
    this.projections.push(projection);
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /**
   * Opens the read models and starts their catch-up and following, without waiting for it: the
   * server answers meanwhile (writes work; a read model's queries answer 503 until it has caught
   * up, and `/health/ready` says how far each one is). `ready` resolves once all have.
   */
  start(): void {
    const storage = new ReadModelDirectory(join(this.config.dataDir, READ_MODELS_DIR));
    const logger = new Logger('ReadModels');
    const runner = new ProjectionRunner(
      this.store,
      storage,
      this.projections,
      () => this.clock.now(),
      (error) => logger.error('projection failed', error instanceof Error ? error.stack : String(error)),
      (message) => logger.warn(message),
      this.opened,
    );
    this.runner = runner;
    const started = Date.now();
    runner.start().then(
      () => {
        if (this.stopping) return;
        logger.log(`read models caught up with the log in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        this.caughtUp();
      },
      // Each projection's failures are handled in the runner; this is the runner itself failing.
      (error: unknown) =>
        logger.error('the read models could not start following the log', error instanceof Error ? error.stack : String(error)),
    );
  }

  /** Whether a read model has caught up with the log since start (see `ProjectionRunner.hasSettled`). */
  hasCaughtUp(name: string): boolean {
    return this.started().hasSettled(name);
  }

  async close(): Promise<void> {
    this.stopping = true;
    await this.runner?.close();
  }

  /** The live database of a read model; 503 `READ_MODEL_BEHIND` while it catches up after start. */
  database(name: string): Database.Database {
    const runner = this.started();
    if (!runner.hasSettled(name)) {
      const detail = `the ${name} read model is catching up with the log after the server started (at position ${runner.position(name)}); retry shortly`;
      throw new ProblemException(problem(503, 'READ_MODEL_BEHIND', detail), { 'retry-after': '5' });
    }
    return runner.database(name);
  }

  version(name: string): number {
    return this.started().version(name);
  }

  lag(name: string, countUpTo?: number): Promise<ProjectionLag> {
    return this.started().lag(name, countUpTo);
  }

  /**
   * Read-your-writes: a client that just wrote (its answer carried `X-Event-Position`) passes that
   * position as `minPosition`; the query waits until the read model has applied it, or answers 503.
   */
  async awaitPosition(name: string, minPosition?: string): Promise<void> {
    if (minPosition === undefined) return;
    if (await this.started().waitFor(name, BigInt(minPosition), MIN_POSITION_WAIT_MS)) return;
    const detail = `the ${name} read model has not reached position ${minPosition} yet; retry shortly`;
    throw new ProblemException(problem(503, 'READ_MODEL_BEHIND', detail), { 'retry-after': '1' });
  }

  private started(): ProjectionRunner {
    if (!this.runner) throw new Error('the read models have not started');
    return this.runner;
  }
}

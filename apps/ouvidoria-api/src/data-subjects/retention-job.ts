import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReadModels } from '../projections/read-models';
import { Erasure } from './erasure';

/**
 * Runs retention in the server: once after start, then every `RETENTION_CHECK_MINUTES`. It logs
 * counts, never whose data went. A run that fails (store unavailable) is tried again at the next.
 */
@Injectable()
export class RetentionJob {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly erasure: Erasure,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
  ) {}

  /** The first run once the read models have caught up, then every interval. */
  start(): void {
    // Once the read models have caught up (the subject index answers only then), and on the interval after.
    void this.readModels.ready.then(() => {
      if (this.stopped) return;
      this.runOnce();
      this.timer = setInterval(() => this.runOnce(), this.config.personalData.retentionCheckMs);
      this.timer.unref();
    });
  }

  /** Waits for the run in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private runOnce(): void {
    if (this.running || this.stopped) return;
    this.running = this.erasure
      .runRetention()
      .then(({ erased, cases }) => {
        this.logger.log(`retention run: personal data of ${erased} data subjects (${cases} cases) erased`);
      })
      .catch((error: unknown) => this.logger.warn(`retention run failed, retried in the next one: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}

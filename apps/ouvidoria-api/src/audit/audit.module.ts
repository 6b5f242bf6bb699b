import { STORED_LOG, type EventStore } from '@app/event-store';
import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Shutdown } from '../infrastructure/shutdown';
import { AuditHeadController } from './audit-head.controller';
import { Sealer } from './sealer';

/** Tamper evidence: the sealer runs with the server and seals once more when it stops. */
@Module({
  controllers: [AuditHeadController],
  providers: [
    {
      provide: Sealer,
      inject: [STORED_LOG, CLOCK, ID_GENERATOR, APP_CONFIG],
      useFactory: (store: EventStore, clock: Clock, ids: IdGenerator, config: AppConfig) => {
        const logger = new Logger('Audit');
        return new Sealer(
          store,
          () => clock.now(),
          () => ids.uuid(),
          config.seals,
          (error) => logger.warn(`sealing failed, retried at the next interval: ${error instanceof Error ? error.message : String(error)}`),
        );
      },
    },
  ],
  exports: [Sealer],
})
export class AuditModule implements OnApplicationBootstrap {
  constructor(
    private readonly sealer: Sealer,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): void {
    this.sealer.start();
    // Once nothing writes any more: the last seal covers every acknowledged write.
    this.shutdown.register('seal', 'the sealer', () => this.sealer.stop());
  }
}

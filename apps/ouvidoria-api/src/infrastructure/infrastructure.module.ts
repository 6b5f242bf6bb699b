import { EVENT_STORE, STORED_LOG, type EventStore } from '@app/event-store';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandPath } from '../application/command-path';
import {
  ACCESS_CODES,
  CLOCK,
  DAILY_SEQUENCE,
  DECISION_CONTEXT,
  ID_GENERATOR,
  WRITE_OBSERVER,
  type Clock,
  type IdGenerator,
  READ_MODEL_LOG,
} from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { decisionContextProvider } from './decision-context.provider';
import { dailySequenceOf, openEventStore } from './event-store';
import { storedLogOf } from '../personal-data/encrypting-event-store';
import { withPersonalData } from '../personal-data/personal-data-layer';
import { SUBJECT_KEYS } from '../personal-data/subject-keys';
import { ScryptAccessCodes } from './scrypt-access-codes';
import { Shutdown } from './shutdown';
import { METRICS_REGISTRY, WriteMetrics } from './write-metrics';
import { Registry } from 'prom-client';
import { openBlobStore } from './blob-store';
import { BLOB_STORE, type BlobStore } from '../attachments/blob-store/blob-store';

/**
 * Binds the application's ports to their adapters: the embedded SQLite store, or KurrentDB
 * (`EVENT_STORE=kurrentdb`), as stored (`STORED_LOG`) and as the application reads and writes it
 * (`EVENT_STORE`: personal data sealed), and the protocol counters that go with it. Tests override CLOCK or
 * ID_GENERATOR here and nowhere else.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly shutdown: Shutdown,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    const application = [decisionContextProvider, CommandPath, Shutdown];
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
        { provide: ID_GENERATOR, useValue: { uuid: () => randomUUID() } satisfies IdGenerator },
        { provide: ACCESS_CODES, useClass: ScryptAccessCodes },
        { provide: METRICS_REGISTRY, useFactory: () => new Registry() },
        { provide: WriteMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new WriteMetrics(registry) },
        { provide: WRITE_OBSERVER, useExisting: WriteMetrics },
        {
          provide: STORED_LOG,
          inject: [CLOCK, WriteMetrics],
          useFactory: (clock: Clock, metrics: WriteMetrics) =>
            openEventStore(
              config,
              () => clock.now(),
              (appends) => metrics.commit(appends),
            ),
        },
        {
          provide: EVENT_STORE,
          inject: [STORED_LOG],
          useFactory: (stored: EventStore) => withPersonalData(config, stored),
        },
        { provide: SUBJECT_KEYS, useExisting: EVENT_STORE },
        {
          provide: READ_MODEL_LOG,
          inject: [EVENT_STORE],
          // Without the sealing layer (a benchmark's baseline swaps it for the store) the log is read as it is.
          useFactory: storedLogOf,
        },
        { provide: BLOB_STORE, useFactory: () => openBlobStore(config) },
        {
          provide: DAILY_SEQUENCE,
          inject: [STORED_LOG, CLOCK],
          useFactory: (store: EventStore, clock: Clock) => dailySequenceOf(store, () => clock.now()),
        },
        ...application,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        ID_GENERATOR,
        ACCESS_CODES,
        EVENT_STORE,
        STORED_LOG,
        SUBJECT_KEYS,
        READ_MODEL_LOG,
        BLOB_STORE,
        DAILY_SEQUENCE,
        DECISION_CONTEXT,
        METRICS_REGISTRY,
        WRITE_OBSERVER,
        CommandPath,
        Shutdown,
      ],
    };
  }

  /** HTTP has stopped by now; what else uses the store stops in its phases (`Shutdown`), then the store closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.shutdown.run();
    await this.blobs.close();
    await this.store.close();
  }
}

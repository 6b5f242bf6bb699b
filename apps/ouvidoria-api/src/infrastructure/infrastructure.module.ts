import { EVENT_STORE, SqliteEventStore, type EventStore } from '@app/event-store';
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CommandPath } from '../application/command-path';
import { CLOCK, DAILY_SEQUENCE, DECISION_CONTEXT, ID_GENERATOR, type Clock, type IdGenerator } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { decisionContextProvider } from './decision-context.provider';

const EVENTS_FILE = 'events.sqlite';

/**
 * Binds the application's ports to the embedded adapters (SQLite). Tests override CLOCK or
 * ID_GENERATOR; a scale-out adapter replaces EVENT_STORE and DAILY_SEQUENCE here and nowhere else.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(config: AppConfig): DynamicModule {
    const application = [decisionContextProvider, CommandPath];
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
        { provide: ID_GENERATOR, useValue: { uuid: () => randomUUID() } satisfies IdGenerator },
        {
          provide: EVENT_STORE,
          inject: [CLOCK],
          useFactory: (clock: Clock) =>
            new SqliteEventStore({
              file: join(config.dataDir, EVENTS_FILE),
              synchronous: config.sqliteSynchronous,
              now: () => clock.now(),
            }),
        },
        {
          // Protocol counters share the event store's file and connection (see SqliteDailySequence).
          provide: DAILY_SEQUENCE,
          inject: [EVENT_STORE],
          useFactory: (store: SqliteEventStore) => store.dailySequence(),
        },
        ...application,
      ],
      exports: [APP_CONFIG, CLOCK, ID_GENERATOR, EVENT_STORE, DAILY_SEQUENCE, DECISION_CONTEXT, CommandPath],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../application/ports';
import type { AppConfig } from '../config/app-config';
import { Shutdown } from '../infrastructure/shutdown';
import { ListNotificationsController } from './list-notifications.controller';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationList } from './notification-list';
import type { NotificationTarget } from './notification-target';
import { WebhookTarget } from './webhook-target';

/** The targets the configuration names; none: notifications are listed, not sent. */
function targetsOf(config: AppConfig, clock: Clock): NotificationTarget[] {
  const { webhook } = config.notifications;
  const source = `urn:ouvidoria:${config.operatorRegistration}`;
  return webhook ? [new WebhookTarget(webhook.url, webhook.secret, source, () => clock.now())] : [];
}

/** Requester notifications: listed for every case; delivered when a target is configured. */
@Module({})
export class NotificationsModule implements OnApplicationBootstrap {
  constructor(
    @Inject(NotificationDispatcher) private readonly dispatcher: NotificationDispatcher | null,
    private readonly shutdown: Shutdown,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [ListNotificationsController],
      providers: [
        NotificationList,
        {
          provide: NotificationDispatcher,
          inject: [EVENT_STORE, CLOCK, ID_GENERATOR],
          useFactory: (store: EventStore, clock: Clock, ids: IdGenerator) => {
            const targets = targetsOf(config, clock);
            if (targets.length === 0) return null;
            const logger = new Logger('Notifications');
            const options = { leaseMs: config.notifications.leaseMs, retryMaxMs: config.notifications.retryMaxMs };
            return new NotificationDispatcher(
              store,
              targets,
              `instance-${randomUUID()}`,
              options,
              () => ids.uuid(),
              () => clock.now(),
              (m) => logger.log(m),
            );
          },
        },
      ],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.dispatcher) return;
    this.dispatcher.start();
    this.shutdown.register('stop-followers', 'the notification dispatcher', () => this.dispatcher!.stop());
  }
}

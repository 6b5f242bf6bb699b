import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '../application/ports';
import type { AppConfig } from '../config/app-config';
import { Shutdown } from '../infrastructure/shutdown';
import { kafkaClient, KafkaPublisher, topicsOf } from '../kafka';
import { KafkaNotificationTarget } from './kafka-target';
import { ListNotificationsController } from './list-notifications.controller';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationList } from './notification-list';
import type { NotificationTarget } from './notification-target';
import { WebhookTarget } from './webhook-target';

/**
 * The targets the configuration names, webhook first, then Kafka when it is configured (with its
 * own client and publisher); none: notifications are listed, not sent.
 */
function targetsOf(config: AppConfig, clock: Clock): NotificationTarget[] {
  const { webhook } = config.notifications;
  const targets: NotificationTarget[] = [];
  // One source for both, as on every Kafka topic (CLOUDEVENTS_SOURCE, else its default).
  const source = config.kafka?.source ?? `urn:ans:operadora:${config.operatorRegistration}:ouvidoria`;
  if (webhook) {
    targets.push(new WebhookTarget(webhook.url, webhook.secret, source, () => clock.now()));
  }
  const { kafka } = config;
  if (kafka) {
    const publisher = new KafkaPublisher(kafkaClient(kafka), { idempotent: kafka.idempotentProducer, createTopics: kafka.createTopics });
    targets.push(new KafkaNotificationTarget(publisher, topicsOf(kafka).requesterNotifications, source));
  }
  return targets;
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
      exports: [NotificationDispatcher],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.dispatcher) return;
    this.dispatcher.start();
    this.shutdown.register('stop-followers', 'the notification dispatcher', () => this.dispatcher!.stop());
  }
}

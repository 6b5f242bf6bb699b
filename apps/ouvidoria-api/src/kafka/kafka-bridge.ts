import { EVENT_STORE, openDatabase, type EventStore } from '@app/event-store';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig, type KafkaConfig } from '../config/app-config';
import { EscalationMessageHandler } from '../manifestations';
import { kafkaClient } from './kafka-client';
import { KafkaPublisher } from './kafka-publisher';
import { OutboundRelay } from './outbound-relay';
import { RelayState } from './relay-state';
import { SacIntake } from './sac-intake';
import { topicsOf } from './topics';

const RELAY_FILE = 'kafka-relay.sqlite';

export interface KafkaHealth {
  status: 'up' | 'degraded' | 'starting';
  relay: { status: string; position: number; lagEvents: number; lastError?: string };
  intake: { status: string; accepted: number; deadLettered: number; lastError?: string };
}

/** The outbound relay and the SAC intake, started with the app and drained when it stops. */
@Injectable()
export class KafkaBridge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  private readonly db: Database.Database;
  private readonly relay: OutboundRelay;
  private readonly intake: SacIntake;
  private readonly publisher: KafkaPublisher;
  private readonly deadLetters: KafkaPublisher;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    escalations: EscalationMessageHandler,
  ) {
    const kafka = config.kafka as KafkaConfig;
    const client = kafkaClient(kafka);
    const topics = topicsOf(kafka);
    const producing = { idempotent: kafka.idempotentProducer, createTopics: kafka.createTopics };
    this.publisher = new KafkaPublisher(client, producing);
    this.deadLetters = new KafkaPublisher(client, producing);
    // The relay's checkpoint must survive what the log survives: same durability as the log.
    this.db = openDatabase(join(config.dataDir, RELAY_FILE), config.sqliteSynchronous);
    const log = (message: string) => this.logger.warn(message);
    this.relay = new OutboundRelay(store, new RelayState(this.db), this.publisher, topics, kafka.source, log);
    this.intake = new SacIntake(
      client,
      kafka.sacGroup,
      topics,
      (message) => escalations.handle(message),
      this.deadLetters,
      kafka.createTopics,
      log,
    );
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.intake.start();
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.intake.stop();
      await this.relay.stop();
    } finally {
      await Promise.all([this.publisher.close(), this.deadLetters.close()]);
      this.db.close();
    }
  }

  async health(): Promise<KafkaHealth> {
    const relay = this.relay.status();
    const intake = this.intake.status();
    const last = await this.store.lastPosition();
    const lagEvents = Number(last > relay.position ? last - relay.position : 0n);
    const statuses = [relay.status, intake.status];
    const status = statuses.includes('degraded') ? 'degraded' : statuses.includes('starting') ? 'starting' : 'up';
    return {
      status,
      relay: {
        status: relay.status,
        position: Number(relay.position),
        lagEvents,
        ...(relay.lastError ? { lastError: relay.lastError } : {}),
      },
      intake: { ...intake },
    };
  }
}

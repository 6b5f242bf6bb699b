import { EVENT_STORE, openDatabase, type EventStore } from '@app/event-store';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CLOCK, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig, type KafkaConfig } from '../config/app-config';
import { Shutdown } from '../infrastructure/shutdown';
import { EscalationMessageHandler } from '../manifestations';
import { kafkaClient } from './kafka-client';
import { KafkaPublisher } from './kafka-publisher';
import { OutboundRelay } from './outbound-relay';
import { RELAY_FILE } from './relay-handover';
import { RelayLease } from './relay-lease';
import { RelayState } from './relay-state';
import { SacIntake } from './sac-intake';
import { topicsOf } from './topics';

export interface KafkaHealth {
  status: 'up' | 'degraded' | 'starting';
  relay: { status: string; position: number; lagEvents: number; holder?: string; lastError?: string };
  intake: { status: string; accepted: number; deadLettered: number; lastError?: string };
}

/** The outbound relay and the SAC intake, started with the app and drained when it stops. */
@Injectable()
export class KafkaBridge implements OnApplicationBootstrap {
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
    @Inject(CLOCK) clock: Clock,
    private readonly shutdown: Shutdown,
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
    const lease = new RelayLease(store, `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, kafka.relayLeaseMs, () => clock.now());
    this.relay = new OutboundRelay(store, new RelayState(this.db), this.publisher, topics, kafka.source, lease, log);
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
    this.shutdown.register('stop-inputs', 'the SAC intake', () => this.intake.stop());
    this.shutdown.register('stop-followers', 'the Kafka relay', async () => {
      try {
        await this.relay.stop();
      } finally {
        await Promise.all([this.publisher.close(), this.deadLetters.close()]);
        this.db.close();
      }
    });
  }

  async health(): Promise<KafkaHealth> {
    const relay = this.relay.status();
    const intake = this.intake.status();
    const lagEvents = await this.store.countAfter(relay.position, 100_000);
    // Standing by while another instance relays is as it should be.
    const statuses = [relay.status, intake.status];
    const status = statuses.includes('degraded') ? 'degraded' : statuses.includes('starting') ? 'starting' : 'up';
    return {
      status,
      relay: {
        status: relay.status,
        position: Number(relay.position),
        lagEvents,
        ...(relay.holder ? { holder: relay.holder } : {}),
        ...(relay.lastError ? { lastError: relay.lastError } : {}),
      },
      intake: { ...intake },
    };
  }
}

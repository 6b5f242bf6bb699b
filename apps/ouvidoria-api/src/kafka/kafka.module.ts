import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config';
import { KafkaBridge } from './kafka-bridge';

/** Kafka when `KAFKA_BROKERS` is set; without it, nothing at all (the embedded default). */
@Module({})
export class KafkaModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.kafka) return { module: KafkaModule };
    return { module: KafkaModule, imports: [CqrsModule], providers: [KafkaBridge], exports: [KafkaBridge] };
  }
}

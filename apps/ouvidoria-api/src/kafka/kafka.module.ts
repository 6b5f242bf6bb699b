import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { ManifestationsModule } from '../manifestations/manifestations.module';
import { KafkaBridge } from './kafka-bridge';

/** Kafka when `KAFKA_BROKERS` is set; without it, nothing at all (the embedded default). */
@Module({})
export class KafkaModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.kafka) return { module: KafkaModule };
    return { module: KafkaModule, imports: [ManifestationsModule], providers: [KafkaBridge], exports: [KafkaBridge] };
  }
}

import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import type { KafkaConfig } from '../config/app-config';

/** The kafkajs client for the configured cluster; kafkajs's own logging only for errors. */
export function kafkaClient(config: KafkaConfig): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: config.sasl as SASLOptions | undefined,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    // Our own loops retry with backoff; kafkajs's retries only smooth over a blip.
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}

/** What other features may use of the Kafka bridge: the module, and its state for /health. */
export { KafkaModule } from './kafka.module';
export { KafkaBridge, type KafkaHealth } from './kafka-bridge';
export { handOverRelayProgress } from './relay-handover';
/** For the requester notifications' Kafka target: a client, its own publisher, and the topic names. */
export { kafkaClient } from './kafka-client';
export { KafkaPublisher } from './kafka-publisher';
export type { OutboundMessage } from './outbound-messages';
export { topicsOf } from './topics';

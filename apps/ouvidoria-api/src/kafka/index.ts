/** What other features may use of the Kafka bridge: the module, and its state for /health. */
export { KafkaModule } from './kafka.module';
export { KafkaBridge, type KafkaHealth } from './kafka-bridge';
export { handOverRelayProgress } from './relay-handover';

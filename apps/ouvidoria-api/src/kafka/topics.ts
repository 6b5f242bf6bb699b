import type { KafkaConfig } from '../config/app-config';

/** Every topic name the product uses, from the configuration. */
export const topicsOf = (config: KafkaConfig) => ({
  manifestations: `${config.topicPrefix}.manifestations.v1`,
  department: (code: string) => `${config.topicPrefix}.department.${code}.v1`,
  sac: config.sacTopic,
  sacDeadLetters: `${config.sacTopic}.dlq`,
});
export type Topics = ReturnType<typeof topicsOf>;

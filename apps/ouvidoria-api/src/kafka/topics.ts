import type { KafkaConfig } from '../config/app-config';

/** Every topic name the product uses, from the configuration. */
export const topicsOf = (config: KafkaConfig) => ({
  manifestations: `${config.topicPrefix}.manifestations.v1`,
  department: (code: string) => `${config.topicPrefix}.department.${code}.v1`,
  sac: config.sacTopic,
  sacDeadLetters: `${config.sacTopic}.dlq`,
  /** The requester's contact and texts in clear, for the operator's sender only: restrict its ACLs. */
  requesterNotifications: `${config.topicPrefix}.requester-notifications.v1`,
});
export type Topics = ReturnType<typeof topicsOf>;

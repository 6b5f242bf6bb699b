import type { RequesterNotification } from '@app/domain';

/** A notification as it leaves the product: the requester's text and contact, with a stable id to deduplicate by. */
export interface OutgoingNotification extends RequesterNotification {
  /** The id of the event the notification tells of: the same on every attempt and every redelivery. */
  id: string;
  /** When that event was recorded (ISO-8601, UTC). */
  createdAt: string;
}

export const NOTIFICATION_TARGETS = ['webhook', 'kafka'] as const;
export type NotificationTargetName = (typeof NOTIFICATION_TARGETS)[number];

/** The target answered that it will never take this notification (e.g. HTTP 400): it is recorded and not retried. */
export class NotificationRefused extends Error {
  override name = 'NotificationRefused';
}

/**
 * Where notifications are delivered. `deliver` resolves once the target acknowledged the
 * notification; throws `NotificationRefused` for a permanent refusal, anything else to be retried.
 */
export interface NotificationTarget {
  readonly name: NotificationTargetName;
  deliver(notification: OutgoingNotification): Promise<void>;
  close(): Promise<void>;
}

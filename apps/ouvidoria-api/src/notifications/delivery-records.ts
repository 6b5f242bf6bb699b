import type { EventStore, RecordedEvent } from '@app/event-store';
import type { NotificationKind } from '@app/domain';
import type { NotificationTargetName } from './notification-target';

/** Each case's deliveries live in their own stream beside the case: ids, targets and times, no personal data. */
export const deliveryStreamId = (protocol: string) => `notifications-${protocol}`;

export const DELIVERED = 'RequesterNotificationDelivered';
export const REFUSED = 'RequesterNotificationRefused';

export interface DeliveryRecord {
  notificationId: string;
  kind: NotificationKind;
  target: NotificationTargetName;
  attempts: number;
  /** `DELIVERED`: when the target acknowledged it; `REFUSED`: when it refused it for good. */
  at: string;
  outcome: 'DELIVERED' | 'REFUSED';
  reason?: string;
}

export async function readDeliveries(store: EventStore, protocol: string): Promise<DeliveryRecord[]> {
  const events = await store.readStream(deliveryStreamId(protocol));
  return events.filter((e) => e.type === DELIVERED || e.type === REFUSED).map(recordOf);
}

function recordOf(event: RecordedEvent): DeliveryRecord {
  const data = event.data as Omit<DeliveryRecord, 'outcome'>;
  return { ...data, outcome: event.type === DELIVERED ? 'DELIVERED' : 'REFUSED' };
}

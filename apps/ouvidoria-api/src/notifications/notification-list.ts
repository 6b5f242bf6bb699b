import {
  isProtocol,
  manifestationDecider,
  manifestationStreamId,
  notFound,
  NOTIFYING_EVENT_TYPES,
  requesterNotification,
  type Manifestation,
  type NotificationChannel,
  type NotificationKind,
} from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { fold } from '../application/command-path';
import { readDeliveries, type DeliveryRecord } from './delivery-records';

export interface ListedNotification {
  notificationId: string;
  kind: NotificationKind;
  createdAt: string;
  /** Null when there is no one to reach (anonymous, no contact, erased): then nothing is sent. */
  channel: NotificationChannel | null;
  subject?: string;
  text?: string;
  deliveries: Array<Omit<DeliveryRecord, 'notificationId' | 'kind'>>;
}

/** What the requester of a case was told, from its events, and when each target took it, from its delivery records. */
@Injectable()
export class NotificationList {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(protocol: string): Promise<ListedNotification[]> {
    const events = isProtocol(protocol) ? await this.store.readStream(manifestationStreamId(protocol)) : [];
    if (events.length === 0) throw notFound('MANIFESTATION_NOT_FOUND', `no manifestation ${protocol}`);
    const state = fold(manifestationDecider, events) as Manifestation;
    const deliveries = await readDeliveries(this.store, protocol);
    const listed: ListedNotification[] = [];
    for (const event of events) {
      if (!NOTIFYING_EVENT_TYPES.includes(event.type as (typeof NOTIFYING_EVENT_TYPES)[number])) continue;
      const told = requesterNotification(manifestationDecider.decode(event), state);
      const delivered = deliveries.filter((d) => d.notificationId === event.id);
      if (!told && delivered.length === 0) continue;
      listed.push({
        notificationId: event.id,
        kind: told?.kind ?? delivered[0].kind,
        createdAt: event.recordedAt,
        channel: told?.channel ?? null,
        ...(told ? { subject: told.subject, text: told.text } : {}),
        deliveries: delivered.map(({ notificationId: _, kind: __, ...rest }) => rest),
      });
    }
    return listed;
  }
}

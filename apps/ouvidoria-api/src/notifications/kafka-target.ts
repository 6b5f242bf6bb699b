import type { KafkaPublisher, OutboundMessage } from '../kafka';
import type { NotificationTarget, OutgoingNotification } from './notification-target';
import { cloudEvent } from './webhook-target';

/**
 * The message a notification becomes: the same CloudEvent the webhook receives, in Kafka binary
 * content mode as on every other topic (attributes as `ce_*` headers, `datacontenttype` as
 * `content-type`, the data as the value), keyed by protocol so that one case's notifications stay
 * in order on one partition.
 */
export function notificationMessage(notification: OutgoingNotification, topic: string, source: string): OutboundMessage {
  const { data, datacontenttype, ...attributes } = cloudEvent(notification, source);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) headers[`ce_${name}`] = String(value);
  headers['content-type'] = String(datacontenttype);
  return { topic, key: notification.protocol, value: JSON.stringify(data), headers };
}

/**
 * Publishes each notification to `<prefix>.requester-notifications.v1` for the operator's sender to
 * consume. A send resolves once every in-sync replica has it; a failure throws, so the dispatcher
 * retries it (Kafka never refuses a notification for good). The publisher is this target's own
 * (not the relay's), so a failure here resets only its connection.
 */
export class KafkaNotificationTarget implements NotificationTarget {
  readonly name = 'kafka';

  constructor(
    private readonly publisher: Pick<KafkaPublisher, 'send' | 'close'>,
    private readonly topic: string,
    private readonly source: string,
  ) {}

  async deliver(notification: OutgoingNotification): Promise<void> {
    await this.publisher.send([notificationMessage(notification, this.topic, this.source)]);
  }

  close(): Promise<void> {
    return this.publisher.close();
  }
}

import { createHmac } from 'node:crypto';
import { NotificationRefused, type NotificationTarget, type OutgoingNotification } from './notification-target';

export const SIGNATURE_HEADER = 'ouvidoria-signature';
const TIMEOUT_MS = 10_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: a receiver checks it and refuses old timestamps (replays). */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** The CloudEvents 1.0 JSON (structured mode) a webhook receives. */
export function cloudEvent(notification: OutgoingNotification, source: string): Record<string, unknown> {
  const { id, createdAt, kind, protocol, channel, subject, text } = notification;
  return {
    specversion: '1.0',
    id,
    source,
    type: 'br.ouvidoria.RequesterNotification.v1',
    subject: protocol,
    time: createdAt,
    datacontenttype: 'application/json',
    data: { protocol, kind, channel, subject, text },
  };
}

/**
 * What the endpoint says about this notification itself, for good: a malformed or unacceptable
 * request. 401, 403, 404 and the like say the endpoint or its secret is misconfigured: retried
 * (and logged) until the operator fixes it, so that no notification is lost meanwhile.
 */
const REFUSED_FOR_GOOD = new Set([400, 410, 413, 415, 422]);

/**
 * POSTs each notification to the operator's endpoint (which sends the e-mail or the SMS), signed
 * with `NOTIFY_WEBHOOK_SECRET`. A 2xx is delivered; 400, 410, 413, 415 and 422 are a refusal for
 * good (the same request will not get better); anything else, a timeout included, is retried.
 */
export class WebhookTarget implements NotificationTarget {
  readonly name = 'webhook';

  constructor(
    private readonly url: URL,
    private readonly secret: string,
    private readonly source: string,
    private readonly now: () => Date,
  ) {}

  async deliver(notification: OutgoingNotification): Promise<void> {
    const body = JSON.stringify(cloudEvent(notification, this.source));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        [SIGNATURE_HEADER]: signature(this.secret, body, Math.floor(this.now().getTime() / 1000)),
        'idempotency-key': notification.id,
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return;
    if (REFUSED_FOR_GOOD.has(response.status)) throw new NotificationRefused(`the webhook answered ${response.status}`);
    throw new Error(`the webhook answered ${response.status}`);
  }

  async close(): Promise<void> {}
}

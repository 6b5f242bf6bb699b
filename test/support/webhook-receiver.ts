import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  id: string;
  kind: string;
  protocol: string;
  channel: { medium: string; address: string };
  subject: string;
  text: string;
  /** Whether `ouvidoria-signature` was the HMAC of the body with the secret. */
  signed: boolean;
  event: Record<string, unknown>;
}

/**
 * A local endpoint that plays the operator's notification sender: it checks each request's
 * signature and keeps what it received; `answer` sets the status it replies with (e.g. 503 while "down").
 */
export class WebhookReceiver {
  readonly received: ReceivedNotification[] = [];
  answer = 204;
  /** How long it takes to answer each request. */
  delayMs = 0;
  /** Every request, the refused ones too. */
  requests = 0;
  private server?: Server;
  /** Where the server under test posts. */
  url = '';

  static async start(secret: string): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const r = receiver;
        r.requests++;
        if (r.answer < 300) {
          const event = JSON.parse(body) as Record<string, unknown> & {
            id: string;
            data: Omit<ReceivedNotification, 'id' | 'signed' | 'event'>;
          };
          r.received.push({ id: event.id, ...event.data, signed: verify(secret, String(req.headers['ouvidoria-signature']), body), event });
        }
        setTimeout(() => res.writeHead(r.answer).end(), r.delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver.server = server;
    receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
    return receiver;
  }

  /** Distinct notifications received, by id (a redelivery has the same id). */
  ids(): Set<string> {
    return new Set(this.received.map((n) => n.id));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function verify(secret: string, header: string, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

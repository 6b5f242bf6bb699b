import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { isDisconnected } from './kurrentdb-errors';

/** A client is replaced at most this often while the node cannot be reached. */
const RENEW_AFTER_MS = 2000;

/**
 * The client to one KurrentDB (node or cluster). The vendor's client reconnects by itself for
 * appends and subscriptions, but a client whose first read fell in an outage never reads again
 * (its native read bridge gives up for good): after the node failed to answer, the next call gets
 * a new client, so the service recovers without a restart.
 */
export class KurrentConnection {
  private current: KurrentDBClient;
  private failedAt: number | null = null;
  private closed = false;

  constructor(private readonly url: string) {
    this.current = KurrentDBClient.connectionString(url);
  }

  /** Runs `call` with the current client; a failure to reach the node marks it for renewal. */
  async use<T>(call: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the KurrentDB connection is closed');
    this.renewIfFailed();
    try {
      const result = await call(this.current);
      this.failedAt = null;
      return result;
    } catch (error) {
      // Only a lost connection renews the client: the vendor's client has closed its channel then,
      // while a live one (a slow or demoted node) would be left open by a renewal.
      if (isDisconnected(error)) this.failedAt ??= Date.now();
      throw error;
    }
  }

  get client(): KurrentDBClient {
    this.renewIfFailed();
    return this.current;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.current.dispose();
  }

  private renewIfFailed(): void {
    if (this.failedAt === null || Date.now() - this.failedAt < RENEW_AFTER_MS) return;
    const old = this.current;
    this.current = KurrentDBClient.connectionString(this.url);
    this.failedAt = null;
    void old.dispose().catch(() => undefined);
  }
}

/** Whether `url` is a connection string the client accepts (`kurrentdb://`, `kurrentdb+discover://`, `esdb://`, ...). */
export function isConnectionString(url: string): boolean {
  try {
    void KurrentDBClient.connectionString(url).dispose();
    return true;
  } catch {
    return false;
  }
}

import type { PublicAccessLimits } from '../../config/app-config';

const MINUTE_MS = 60_000;
/** Past this many tracked keys, expired entries are swept on the next call. */
const SWEEP_ABOVE = 10_000;

interface Window {
  count: number;
  endsAt: number;
}

/** Why a request is refused before its code is even checked, and for how long (seconds). */
export type Refusal = { reason: 'address_rate' | 'protocol_locked'; retryAfterSeconds: number };

/**
 * What guessing access codes costs, in this process: every public request counts against its
 * address (a fixed window of a minute), and wrong codes count against the protocol asked for —
 * known or not, so a lock says nothing about whether it exists — which is locked for
 * `lockMinutes` once `failuresBeforeLock` wrong codes came within that time.
 */
export class AccessAttempts {
  private readonly addresses = new Map<string, Window>();
  private readonly failures = new Map<string, Window>();
  private readonly locks = new Map<string, number>();
  /** Attempts admitted and not settled yet, per protocol: they count against the lock as failures would. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly limits: PublicAccessLimits,
    private readonly now: () => number,
  ) {}

  /**
   * Counts the request; a refusal when the address is over its rate or the protocol is locked, or
   * when the attempts in flight could reach the lock (so that parallel guesses cannot outrun it).
   * An admitted attempt is settled with `failed`, `succeeded` or `abandoned`.
   */
  admit(address: string, protocol: string): Refusal | null {
    const now = this.now();
    this.sweep(now);
    const lockedUntil = this.locks.get(protocol);
    const window = this.counted(this.addresses, address, now, MINUTE_MS);
    if (lockedUntil !== undefined && lockedUntil > now) return { reason: 'protocol_locked', retryAfterSeconds: seconds(lockedUntil - now) };
    if (window.count > this.limits.perAddressPerMinute) return { reason: 'address_rate', retryAfterSeconds: seconds(window.endsAt - now) };
    const failures = this.failures.get(protocol);
    const pending = this.inFlight.get(protocol) ?? 0;
    if ((failures && failures.endsAt > now ? failures.count : 0) + pending >= this.limits.failuresBeforeLock) {
      return { reason: 'protocol_locked', retryAfterSeconds: 1 };
    }
    this.inFlight.set(protocol, pending + 1);
    return null;
  }

  /** An admitted attempt that ended before its code was judged (no code sent, the store failing). */
  abandoned(protocol: string): void {
    const pending = (this.inFlight.get(protocol) ?? 1) - 1;
    if (pending > 0) this.inFlight.set(protocol, pending);
    else this.inFlight.delete(protocol);
  }

  /** A wrong code (or unknown protocol): locks the protocol once there were too many. */
  failed(protocol: string): void {
    this.abandoned(protocol);
    const now = this.now();
    const lockMs = this.limits.lockMinutes * MINUTE_MS;
    if (this.counted(this.failures, protocol, now, lockMs).count >= this.limits.failuresBeforeLock) {
      this.locks.set(protocol, now + lockMs);
      this.failures.delete(protocol);
    }
  }

  /** The right code: earlier wrong ones are forgiven. */
  succeeded(protocol: string): void {
    this.abandoned(protocol);
    this.failures.delete(protocol);
  }

  private counted(windows: Map<string, Window>, key: string, now: number, lengthMs: number): Window {
    let window = windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + lengthMs };
      windows.set(key, window);
    }
    window.count++;
    return window;
  }

  private sweep(now: number): void {
    for (const windows of [this.addresses, this.failures]) {
      if (windows.size > SWEEP_ABOVE) for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
    }
    if (this.locks.size > SWEEP_ABOVE) for (const [key, until] of this.locks) if (until <= now) this.locks.delete(key);
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

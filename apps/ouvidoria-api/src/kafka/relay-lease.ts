import type { EventStore } from '@app/event-store';

/** How far a relay got: the position and id of the last event whose messages the broker acknowledged. */
export interface RelayProgress {
  position: string;
  eventId: string;
}

export const RELAY_LEASE = 'kafka-relay';

/**
 * Which instance relays: the lease `kafka-relay` in the event store, taken and renewed every third
 * of its time to live, carrying the holder's progress. An instance that takes it over (the holder
 * died, or stopped) learns how far the previous holder got, so it resends only what that holder
 * sent since its last renewal. A holder stops sending once less than a third of its lease is left
 * without a renewal, so two holders overlap only if one is paused longer than that.
 */
export class RelayLease {
  private held = false;
  private until = 0;

  constructor(
    private readonly store: EventStore,
    readonly holder: string,
    readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  /**
   * Takes or renews the lease; `takenOver` is the previous holder's progress when this instance has
   * just taken it from one; `holder` and `holderProgress` say who holds it and how far it got.
   */
  async keep(
    progress: RelayProgress | null,
  ): Promise<{ held: boolean; takenOver?: RelayProgress; holder: string; holderProgress?: RelayProgress }> {
    const before = this.held ? null : await this.store.readLease(RELAY_LEASE);
    const previous = before && before.holder !== this.holder ? (before.data.relayedTo as RelayProgress | undefined) : undefined;
    // Taking over, the lease goes on carrying the furthest progress known: should this instance die
    // before it renews, the next one still starts from where the relay as a whole got.
    const carried = previous && (!progress || BigInt(previous.position) > BigInt(progress.position)) ? previous : progress;
    const lease = await this.store.acquireLease(RELAY_LEASE, this.holder, this.ttlMs, carried ? { relayedTo: carried } : {});
    const wasHeld = this.held;
    this.held = lease.holder === this.holder;
    this.until = this.held ? lease.until.getTime() : 0;
    const holderProgress = lease.data.relayedTo as RelayProgress | undefined;
    return {
      held: this.held,
      holder: lease.holder,
      ...(holderProgress ? { holderProgress } : {}),
      ...(this.held && !wasHeld && previous ? { takenOver: previous } : {}),
    };
  }

  /** Whether this instance may send now: it holds the lease with more than a third of it left. */
  holds(): boolean {
    return this.held && this.now().getTime() < this.until - this.ttlMs / 3;
  }

  /** Hands the lease over now, with this instance's final progress for the next holder. */
  async release(progress: RelayProgress | null): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.store.releaseLease(RELAY_LEASE, this.holder, progress ? { relayedTo: progress } : undefined);
  }
}

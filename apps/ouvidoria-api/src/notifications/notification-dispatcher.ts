import { manifestationDecider, NOTIFYING_EVENT_TYPES, protocolOf, requesterNotification, type Manifestation } from '@app/domain';
import { DamagedEvent, type EventStore, type RecordedEvent } from '@app/event-store';
import { fold } from '../application/command-path';
import { DELIVERED, deliveryStreamId, readDeliveries, REFUSED } from './delivery-records';
import { NotificationRefused, type NotificationTarget, type OutgoingNotification } from './notification-target';

export const DISPATCH_LEASE = 'requester-notifications';
const BATCH = 100;

/** How far delivery got: the last event of the log whose notification every target has. */
interface Progress {
  position: string;
}

/** What `/health` shows of delivery: who delivers, how far, and what fails now. */
export interface DispatcherHealth {
  status: 'starting' | 'delivering' | 'standby' | 'retrying' | 'paused';
  position: number;
  lagEvents: number;
  /** While `retrying` (a target failing) or `paused` (the store failing): what failed, and since when. */
  lastError?: string;
  since?: string;
}

export interface DispatcherOptions {
  /** The lease's time to live: the longest an instance's death stops delivery. */
  leaseMs: number;
  /** The longest wait between two attempts at a failing target. */
  retryMaxMs: number;
}

/**
 * Delivers requester notifications at least once, through every target, in log order. It follows
 * the log from its progress; for each step the requester is told of it reads the case (its current
 * contact: an erasure since stops it), delivers to each target that has not acknowledged it yet,
 * and records the delivery in the case's `notifications-<protocol>` stream. The progress lives in
 * the lease `requester-notifications` beside the log, so it survives `kill -9` and moves with the
 * lease when another instance takes over; of several instances one delivers. A crash between a
 * delivery and its record delivers once more, with the same id. A failing target is retried with
 * capped backoff and holds back later notifications, never case work.
 */
export class NotificationDispatcher {
  private stopped = false;
  private progress?: Progress;
  private held = false;
  private wake?: () => void;
  private running?: Promise<void>;
  private unsubscribe?: () => void;
  private current: Pick<DispatcherHealth, 'status' | 'lastError' | 'since'> = { status: 'starting' };

  constructor(
    private readonly store: EventStore,
    private readonly targets: NotificationTarget[],
    private readonly holder: string,
    private readonly options: DispatcherOptions,
    private readonly ids: () => string,
    private readonly now: () => Date,
    private readonly log: (message: string) => void,
  ) {}

  async health(): Promise<DispatcherHealth> {
    const position = BigInt(this.progress?.position ?? 0);
    const lagEvents = this.progress ? await this.store.countAfter(position, 100_000) : 0;
    return { ...this.current, position: Number(position), lagEvents };
  }

  private failing(status: 'retrying' | 'paused', error: string): void {
    if (this.current.status !== status || this.current.lastError !== error) {
      this.current = { status, lastError: error, since: this.now().toISOString() };
    }
  }

  start(): void {
    this.unsubscribe = this.store.onAppended(() => this.wake?.());
    this.running = this.loop();
  }

  /** Ends the attempt in flight, then hands the lease over with the progress made. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.running;
    if (this.held) await this.store.releaseLease(DISPATCH_LEASE, this.holder, this.progress ? { deliveredTo: this.progress } : undefined);
    await Promise.all(this.targets.map((t) => t.close()));
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.keepLease())) {
          await this.idle(this.options.leaseMs / 3);
          continue;
        }
        const events = await this.store.readAll({ after: BigInt(this.progress!.position), maxCount: BATCH, sequential: true });
        if (events.length === 0) {
          await this.idle(this.options.leaseMs / 3);
          continue;
        }
        for (const event of events) {
          if (!(await this.handle(event))) break;
          this.progress = { position: event.position.toString() };
        }
        failures = 0;
        if (this.current.status === 'paused') this.current = { status: 'delivering' };
      } catch (error) {
        // The store failing (a full disk, a lost connection): wait, then go on from the progress.
        this.failing('paused', messageOf(error));
        if (failures++ === 0) this.log(`requester notifications paused: ${messageOf(error)}; retrying`);
        await this.idle(Math.min(this.options.retryMaxMs, 250 * 2 ** Math.min(failures, 16)));
      }
    }
  }

  /** Takes or renews the lease with the progress; on taking it, the progress is the previous holder's (else the log's end). */
  private async keepLease(): Promise<boolean> {
    if (!this.held || !this.progress) {
      const before = await this.store.readLease(DISPATCH_LEASE);
      const carried = before?.data.deliveredTo as Progress | undefined;
      this.progress = carried ?? this.progress ?? { position: (await this.store.lastPosition()).toString() };
    }
    const lease = await this.store.acquireLease(DISPATCH_LEASE, this.holder, this.options.leaseMs, { deliveredTo: this.progress });
    const held = lease.holder === this.holder;

    if (held !== this.held)
      this.log(held ? 'requester notifications: this instance delivers' : 'requester notifications: another instance delivers');
    this.held = held;
    return held;
  }

  /** False when stopped or the lease was lost before every target had the notification. */
  private async handle(event: RecordedEvent): Promise<boolean> {
    const protocol = protocolOf(event.streamId);
    if (!protocol || !NOTIFYING_EVENT_TYPES.includes(event.type as (typeof NOTIFYING_EVENT_TYPES)[number])) return true;
    // Renewed before each notification (with the progress so far): an instance that lost the lease stops here.
    if (!(await this.keepLease())) return false;
    let state: Manifestation | null;
    try {
      state = fold(manifestationDecider, await this.store.readStream(event.streamId)) as Manifestation | null;
    } catch (error) {
      // A damaged case cannot be read: its requester is not told of this step, the others still are.
      if (!(error instanceof DamagedEvent)) throw error;
      this.log(`requester notification ${event.id} skipped: case ${protocol} has a damaged event (${error.message})`);
      return true;
    }
    const told = state && requesterNotification(manifestationDecider.decode(event), state);
    if (!told) return true;
    const notification: OutgoingNotification = { ...told, id: event.id, createdAt: event.recordedAt };
    const done = new Set((await readDeliveries(this.store, protocol)).filter((d) => d.notificationId === event.id).map((d) => d.target));
    for (const target of this.targets) {
      if (!done.has(target.name) && !(await this.deliverTo(target, notification, event))) return false;
    }
    return true;
  }

  private async deliverTo(target: NotificationTarget, notification: OutgoingNotification, cause: RecordedEvent): Promise<boolean> {
    for (let attempts = 1; !this.stopped; attempts++) {
      try {
        await target.deliver(notification);
        if (this.current.status === 'retrying') this.current = { status: 'delivering' };
        if (attempts > 1) this.log(`requester notification ${notification.id} delivered to ${target.name} after ${attempts} attempts`);
        await this.record(DELIVERED, target, notification, cause, attempts);
        return true;
      } catch (error) {
        if (error instanceof NotificationRefused) {
          this.log(`requester notification ${notification.id} refused by ${target.name} for good: ${error.message}`);
          await this.record(REFUSED, target, notification, cause, attempts, error.message);
          return true;
        }
        this.failing('retrying', `${target.name}: ${messageOf(error)}`);
        const waitMs = Math.min(this.options.retryMaxMs, 1000 * 2 ** Math.min(attempts - 1, 16));
        // Said at the first failure and every tenth after: a target that stays down stays visible in the log.
        if (attempts % 10 === 1) {
          this.log(
            `requester notification ${notification.id} to ${target.name} failed ${attempts} time(s) (${messageOf(error)}); retrying`,
          );
        }
        await this.idle(waitMs, false);
        if (!(await this.keepLease())) return false;
      }
    }
    return false;
  }

  private async record(
    type: typeof DELIVERED | typeof REFUSED,
    target: NotificationTarget,
    notification: OutgoingNotification,
    cause: RecordedEvent,
    attempts: number,
    reason?: string,
  ): Promise<void> {
    const id = this.ids();
    const at = this.now().toISOString();
    const data = {
      notificationId: notification.id,
      kind: notification.kind,
      target: target.name,
      attempts,
      at,
      ...(reason ? { reason } : {}),
    };
    const metadata = {
      eventId: id,
      occurredAt: at,
      actor: { sub: 'notification-dispatcher', role: 'system' },
      correlationId: cause.metadata.correlationId,
      causationId: cause.id,
    };
    await this.store.append(deliveryStreamId(notification.protocol), [{ id, type, data, metadata }], 'any');
  }

  /** Waits `ms`, less when stopped (or, with `wakeable`, when the log grows). */
  private idle(ms: number, wakeable = true): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const stopCheck = setInterval(() => this.stopped && done(), 50);
      function done() {
        clearTimeout(timer);
        clearInterval(stopCheck);
        resolve();
      }
      if (wakeable) this.wake = done;
    });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

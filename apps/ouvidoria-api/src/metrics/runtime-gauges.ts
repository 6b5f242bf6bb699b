import type { EventStore } from '@app/event-store';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { KafkaBridge } from '../kafka';
import type { NotificationDispatcher } from '../notifications';
import type { ProjectionLag } from '../projections/projection-runner';
import type { ReadModels } from '../projections/read-models';
import { labelledGauge, perScrape } from './per-scrape';

/** The machinery's state at each scrape: the store, each read model's lag, the Kafka relay and intake, notifications. */
export function runtimeGauges(
  registry: Registry,
  store: EventStore,
  readModels: ReadModels,
  kafka: KafkaBridge | undefined,
  notifications: NotificationDispatcher | undefined | null,
): void {
  const registers = [registry];
  new Gauge({
    name: 'ouvidoria_event_store_up',
    help: '1 while the event store answers and takes writes; 0 while it does not answer or its writes fail (a full disk)',
    registers,
    async collect() {
      this.set((await answers(store)) && store.writeFailure() === null ? 1 : 0);
    },
  });
  // The gauges below that read the store leave their samples out while it fails: one rejected
  // collect would fail the whole scrape, and `event_store_up 0` with it.
  const lags = perScrape(async () => {
    const read: Array<[string, ProjectionLag]> = [];
    for (const name of readModels.names) {
      const lag = await orNone(() => readModels.lag(name));
      if (lag) read.push([name, lag]);
    }
    return read;
  });
  labelledGauge(
    registry,
    {
      name: 'ouvidoria_projection_blocked',
      help: '1 while a read model is stuck on a damaged event of the log (see /health: blockedAt)',
      label: 'projection',
    },
    lags,
    (lag) => (lag.blockedAt === undefined ? 0 : 1),
  );
  labelledGauge(
    registry,
    {
      name: 'ouvidoria_projection_lag_events',
      help: 'Events in the log a read model has not applied yet (counted up to 100000)',
      label: 'projection',
    },
    lags,
    (lag) => Number(lag.events),
  );
  new Gauge({
    name: 'ouvidoria_projection_caught_up',
    help: '1 once a read model has caught up with the log since start; 0 while its queries answer 503',
    labelNames: ['projection'],
    registers,
    collect() {
      this.reset();
      for (const name of readModels.names) this.set({ projection: name }, readModels.hasCaughtUp(name) ? 1 : 0);
    },
  });
  if (kafka) kafkaGauges(registry, kafka);
  if (notifications) {
    new Gauge({
      name: 'ouvidoria_notifications_lag_events',
      help: 'Events the requester-notification dispatcher has not gone through yet',
      registers,
      async collect() {
        this.reset();
        const health = await orNone(() => notifications.health());
        if (health) this.set(health.lagEvents);
      },
    });
  }
}

function kafkaGauges(registry: Registry, kafka: KafkaBridge): void {
  const registers = [registry];
  const health = perScrape(() => orNone(() => kafka.health()));
  new Gauge({
    name: 'ouvidoria_kafka_relay_lag_events',
    help: 'Events in the log the Kafka relay has not published yet (from the shared lease on a standby instance)',
    registers,
    async collect() {
      this.reset();
      const read = await health();
      if (read) this.set(read.relay.lagEvents);
    },
  });
  // Counted by the intake itself; exported as counters (they only grow while the process runs).
  const counter = (name: string, help: string, pick: (intake: Awaited<ReturnType<KafkaBridge['health']>>['intake']) => number) =>
    new Counter({
      name,
      help,
      registers,
      async collect() {
        const read = await health();
        if (!read) return;
        this.reset();
        this.inc(pick(read.intake));
      },
    });
  counter('ouvidoria_sac_intake_accepted_total', 'SAC-escalation messages taken from Kafka and appended', (i) => i.accepted);
  counter('ouvidoria_sac_intake_dead_letters_total', 'SAC-escalation messages sent to the dead-letter topic', (i) => i.deadLettered);
}

/** The value, or undefined when reading it fails (the store does not answer). */
async function orNone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

async function answers(store: EventStore): Promise<boolean> {
  try {
    await store.ping();
    return true;
  } catch {
    return false;
  }
}

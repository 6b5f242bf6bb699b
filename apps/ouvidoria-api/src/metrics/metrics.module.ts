import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject, Logger, Module, Optional, type DynamicModule, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import { CLOCK, type Clock } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { METRICS_REGISTRY } from '../infrastructure/write-metrics';
import { Shutdown } from '../infrastructure/shutdown';
import { KafkaBridge } from '../kafka';
import { NotificationDispatcher } from '../notifications';
import { ReadModels } from '../projections/read-models';
import { WorkQueueModule, WorkQueueReader } from '../work-queue';
import { businessGauges } from './business-gauges';
import { measureHttp } from './http-metrics';
import { serveMetrics } from './metrics-server';
import { listenFailure } from '../startup/startup-failure';
import { runtimeGauges } from './runtime-gauges';

/**
 * Prometheus metrics on METRICS_PORT (off when unset): the process, HTTP, the write path
 * (`WriteMetrics`), the machinery's state and the business gauges. See docs/operations.md.
 */
@Module({})
export class MetricsModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');

  /** `sources`: the very module objects the app imports (Kafka, notifications), whose state the gauges show. */
  static forRoot(sources: DynamicModule[]): DynamicModule {
    return { module: MetricsModule, imports: [WorkQueueModule, ...sources] };
  }

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
    private readonly readModels: ReadModels,
    private readonly queue: WorkQueueReader,
    private readonly shutdown: Shutdown,
    @Optional() private readonly kafka?: KafkaBridge,
    @Optional() @Inject(NotificationDispatcher) private readonly notifications?: NotificationDispatcher | null,
  ) {}

  onModuleInit(): void {
    if (!this.config.operations.metrics) return;
    collectDefaultMetrics({ register: this.registry, prefix: 'ouvidoria_' });
    measureHttp(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.registry);
    runtimeGauges(this.registry, this.store, this.readModels, this.kafka, this.notifications);
    businessGauges(this.registry, this.queue, () => this.clock.now());
  }

  async onApplicationBootstrap(): Promise<void> {
    const where = this.config.operations.metrics;
    if (!where) return;
    let served;
    try {
      served = await serveMetrics(this.registry, where.port, where.host);
    } catch (error) {
      throw listenFailure(error, where.host, where.port, 'METRICS_PORT') ?? error;
    }
    this.shutdown.register('stop-followers', 'the metrics endpoint', () => served.close());
    this.logger.log(`metrics on ${served.url}`);
  }
}

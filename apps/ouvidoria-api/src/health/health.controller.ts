import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../problems/problem';
import { KafkaBridge } from '../kafka';
import { NotificationDispatcher } from '../notifications';
import { ReadModels } from '../projections/read-models';
import { OpenAccess } from '../auth/access';
import { Sealer } from '../audit';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Shutdown } from '../infrastructure/shutdown';

interface ProjectionHealth {
  version: number;
  position: number;
  lagEvents: number;
  lagSeconds: number;
  blockedAt?: number;
}

@ApiTags('health')
@OpenAccess()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly sealer: Sealer,
    private readonly shutdown: Shutdown,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly kafka?: KafkaBridge,
    @Optional() @Inject(NotificationDispatcher) private readonly notifications?: NotificationDispatcher | null,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs and answers, whatever its dependencies do' })
  @ApiResponse({ status: 200, description: '{ status: "live" }' })
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 when the event store answers, every read model has caught up (within READY_MAX_LAG_EVENTS) and the server is not stopping',
  })
  @ApiResponse({ status: 200, description: '{ status: "ready", projections: { <name>: { position, lagEvents, caughtUp, ... } } }' })
  @ApiResponse({ status: 503, description: "Not ready (problem+json with `reasons` and each projection's progress; Retry-After)" })
  async ready() {
    const reasons: string[] = [];
    if (this.shutdown.isStopping) reasons.push('the server is stopping');
    try {
      await this.store.ping();
    } catch (error) {
      reasons.push(`the event store does not answer: ${String(error)}`);
    }
    // As on /health, and whether each has caught up since start (until then its queries answer 503).
    // Lags are counted only up to one past the budget: probes come every few seconds, and counting
    // a long lag whole would take from the catch-up they are waiting for.
    const budget = this.config.operations.readyMaxLagEvents;
    const projections: Record<string, ProjectionHealth & { caughtUp: boolean }> = {};
    if (reasons.length === 0) {
      for (const [name, p] of Object.entries(await this.projections(budget + 1))) {
        projections[name] = { ...p, caughtUp: this.readModels.hasCaughtUp(name) };
      }
    }
    for (const [name, p] of Object.entries(projections)) {
      if (!p.caughtUp) reasons.push(`read model ${name} is catching up (at position ${p.position})`);
      else if (p.blockedAt !== undefined) reasons.push(`read model ${name} is stuck on a damaged event at position ${p.blockedAt}`);
      else if (p.lagEvents > budget) reasons.push(`read model ${name} is more than ${budget} events behind (READY_MAX_LAG_EVENTS)`);
    }
    if (reasons.length === 0) return { status: 'ready', projections };
    // RFC 9457 extension members: what is not ready, and how far each read model is.
    throw new ProblemException(Object.assign(problem(503, 'NOT_READY', reasons.join('; ')), { reasons, projections }), {
      'retry-after': '5',
    });
  }

  @Get()
  @ApiOperation({ summary: "Status: 200 when the event store answers, with each projection's lag and each dependency's state" })
  @ApiResponse({
    status: 200,
    description:
      '{ status (ok | degraded), eventStore (up | writes-failing), writeFailure?: { reason, message, since }, projections: { <name>: { version, position, lagEvents, lagSeconds, blockedAt? } }, audit: { lastSeal: { events, position, sealedAt } | null }, kafka?: { status, relay: { status (up | degraded | starting | standby), position, lagEvents, holder?, lastError? }, intake }, notifications?: { status (delivering | standby | retrying | paused | starting), position, lagEvents, lastError?, since? } }',
  })
  @ApiResponse({ status: 503, description: 'The event store does not answer' })
  async health() {
    try {
      await this.store.ping();
    } catch (error) {
      throw new ProblemException(problem(503, 'EVENT_STORE_DOWN', `the event store does not answer: ${String(error)}`), {
        'retry-after': '5',
      });
    }
    const projections = await this.projections();
    const blocked = Object.values(projections).some((p) => p.blockedAt !== undefined);
    // Failing writes (a full disk) and Kafka down degrade, they do not fail: reads keep serving.
    const writeFailure = this.store.writeFailure();
    const kafka = this.kafka ? await this.kafka.health() : undefined;
    const notifications = this.notifications ? await this.notifications.health() : undefined;
    const notifying = notifications?.status === 'retrying' || notifications?.status === 'paused';
    const degraded = writeFailure !== null || blocked || kafka?.status === 'degraded' || notifying;
    return {
      status: degraded ? 'degraded' : 'ok',
      eventStore: writeFailure ? 'writes-failing' : 'up',
      ...(writeFailure ? { writeFailure } : {}),
      projections,
      audit: { lastSeal: this.lastSeal() },
      ...(kafka ? { kafka } : {}),
      ...(notifications ? { notifications } : {}),
    };
  }

  private async projections(countUpTo?: number): Promise<Record<string, ProjectionHealth>> {
    const projections: Record<string, ProjectionHealth> = {};
    for (const name of this.readModels.names) {
      const lag = await this.readModels.lag(name, countUpTo);
      projections[name] = {
        version: this.readModels.version(name),
        position: Number(lag.position),
        lagEvents: Number(lag.events),
        lagSeconds: lag.seconds,
        ...(lag.blockedAt === undefined ? {} : { blockedAt: Number(lag.blockedAt) }),
      };
    }
    return projections;
  }

  private lastSeal() {
    const seal = this.sealer.latest();
    return seal && { events: seal.events, position: Number(seal.lastPosition), sealedAt: seal.sealedAt };
  }
}

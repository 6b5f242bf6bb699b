import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../problems/problem';
import { KafkaBridge } from '../kafka';
import { NotificationDispatcher } from '../notifications';
import { ReadModels } from '../projections/read-models';
import { OpenAccess } from '../auth/access';
import { Sealer } from '../audit';

@ApiTags('health')
@OpenAccess()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly sealer: Sealer,
    @Optional() private readonly kafka?: KafkaBridge,
    @Optional() @Inject(NotificationDispatcher) private readonly notifications?: NotificationDispatcher | null,
  ) {}

  @Get()
  @ApiOperation({ summary: "Readiness: 200 when the event store answers, with each projection's lag" })
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
    const projections: Record<string, { version: number; position: number; lagEvents: number; lagSeconds: number; blockedAt?: number }> =
      {};
    for (const name of this.readModels.names) {
      const lag = await this.readModels.lag(name);
      const version = this.readModels.version(name);
      projections[name] = { version, position: Number(lag.position), lagEvents: Number(lag.events), lagSeconds: lag.seconds };
      if (lag.blockedAt !== undefined) projections[name].blockedAt = Number(lag.blockedAt);
    }
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

  private lastSeal() {
    const seal = this.sealer.latest();
    return seal && { events: seal.events, position: Number(seal.lastPosition), sealedAt: seal.sealedAt };
  }
}

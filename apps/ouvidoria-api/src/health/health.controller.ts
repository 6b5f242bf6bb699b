import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { problem, ProblemException } from '../http/problem';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness: 200 when the event store answers' })
  @ApiResponse({ status: 200, description: '{ status: "ok", eventStore: "up" }' })
  @ApiResponse({ status: 503, description: 'The event store does not answer' })
  async health() {
    try {
      await this.store.ping();
    } catch (error) {
      throw new ProblemException(problem(503, 'EVENT_STORE_DOWN', `the event store does not answer: ${String(error)}`));
    }
    return { status: 'ok', eventStore: 'up' };
  }
}

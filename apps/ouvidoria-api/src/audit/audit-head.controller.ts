import { formatAnchor, STORED_LOG, type EventStore } from '@app/event-store';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { AuditHeadDto } from './audit-head.dto';
import { latestSeal } from './seal-stream';

@ApiTags('audit')
@Access('auditor', 'admin')
@Controller('audit')
export class AuditHeadController {
  constructor(@Inject(STORED_LOG) private readonly store: EventStore) {}

  @Get('head')
  @ApiOperation({
    summary: 'The latest seal of the log, as an anchor to keep outside the system, and the position of the last event',
    description:
      'Keep `seal.anchor`; `npm run cli -- audit:verify --anchor <anchor>` later proves the log still holds exactly what it covered. ' +
      'Events after the seal (a few seconds) are covered by the next one.',
  })
  @ApiResponse({ status: 200, description: 'The head of the log and its latest seal', type: AuditHeadDto })
  async head(): Promise<AuditHeadDto> {
    const [position, latest] = await Promise.all([this.store.lastPosition(), latestSeal(this.store)]);
    const stored = latest?.seal;
    const seal = stored ? { ...stored, lastPosition: Number(stored.lastPosition), anchor: formatAnchor(stored) } : null;
    return { head: { position: Number(position) }, seal };
  }
}

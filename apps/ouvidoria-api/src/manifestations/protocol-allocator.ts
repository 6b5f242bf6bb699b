import { formatProtocol, MAX_DAILY_SEQUENCE, type DecisionContext } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ProtocolsExhausted } from '../application/errors';
import { DAILY_SEQUENCE, DECISION_CONTEXT, type DailySequence } from '../application/ports';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Issues protocol numbers: operator registration + local date of issue + that day's sequence. */
@Injectable()
export class ProtocolAllocator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DECISION_CONTEXT) private readonly context: DecisionContext,
    @Inject(DAILY_SEQUENCE) private readonly sequence: DailySequence,
  ) {}

  async next(now: Date): Promise<string> {
    const day = this.context.calendar.localDateCompact(now);
    const sequence = await this.sequence.next(day);
    if (sequence > MAX_DAILY_SEQUENCE) throw new ProtocolsExhausted(day);
    return formatProtocol(this.config.operatorRegistration, day, sequence);
  }
}

import { manifestationStreamId } from '@app/domain';
import { ChainVerifier, DamagedEvent, STORED_LOG, type EventStore, type RecordedEvent } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { VerifyChainQuery, type ChainReport } from './verify-chain.query';

@QueryHandler(VerifyChainQuery)
export class VerifyChainHandler implements IQueryHandler<VerifyChainQuery, ChainReport | null> {
  constructor(@Inject(STORED_LOG) private readonly store: EventStore) {}

  async execute({ protocol }: VerifyChainQuery): Promise<ChainReport | null> {
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(manifestationStreamId(protocol));
    } catch (error) {
      // A damaged event is what verification is for: a finding, not a failure.
      if (!(error instanceof DamagedEvent)) throw error;
      const brokenAt = { revision: Number(error.revision), position: Number(error.position), reason: error.message };
      return { protocol, intact: false, events: null, brokenAt };
    }
    if (events.length === 0) return null;
    const verifier = new ChainVerifier();
    for (const event of events) {
      const broken = verifier.check(event);
      if (broken) {
        const brokenAt = { revision: Number(broken.revision), position: Number(event.position), reason: broken.reason };
        return { protocol, intact: false, events: events.length, brokenAt };
      }
    }
    return { protocol, intact: true, events: events.length };
  }
}

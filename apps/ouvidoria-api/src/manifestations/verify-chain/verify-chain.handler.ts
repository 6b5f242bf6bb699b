import { ChainVerifier, EVENT_STORE, type EventStore } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { manifestationStreamId } from '../../application/manifestation-stream';
import { VerifyChain, type ChainReport } from './verify-chain.query';

@QueryHandler(VerifyChain)
export class VerifyChainHandler implements IQueryHandler<VerifyChain, ChainReport | null> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ protocol }: VerifyChain): Promise<ChainReport | null> {
    const events = await this.store.readStream(manifestationStreamId(protocol));
    if (events.length === 0) return null;
    const verifier = new ChainVerifier();
    for (const event of events) {
      const broken = verifier.check(event);
      if (broken) {
        return { protocol, intact: false, events: events.length, brokenAt: { revision: Number(broken.revision), reason: broken.reason } };
      }
    }
    return { protocol, intact: true, events: events.length };
  }
}

import { Query } from '@nestjs/cqrs';

export interface ChainReport {
  protocol: string;
  intact: boolean;
  /** How many events the stream holds; null when one of them cannot be read back (damaged). */
  events: number | null;
  /** The first event that does not extend the chain, or cannot be read, when there is one. */
  brokenAt?: { revision: number; position: number; reason: string };
}

/** Whether the stored hash chain of a manifestation's stream is intact; null when no such manifestation exists. */
export class VerifyChainQuery extends Query<ChainReport | null> {
  constructor(readonly protocol: string) {
    super();
  }
}

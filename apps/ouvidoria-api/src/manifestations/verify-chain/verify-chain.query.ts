import { Query } from '@nestjs/cqrs';

export interface ChainReport {
  protocol: string;
  intact: boolean;
  events: number;
  /** The first event that does not extend the chain, when one does not. */
  brokenAt?: { revision: number; reason: string };
}

/** Whether the stored hash chain of a case's stream is intact; null when no such case exists. */
export class VerifyChain extends Query<ChainReport | null> {
  constructor(readonly protocol: string) {
    super();
  }
}

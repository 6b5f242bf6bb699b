import type { Recommendation } from '@app/domain';
import { Command } from '@nestjs/cqrs';
import type { Outcome } from '../../application/command-path';
import type { RequestMeta } from '../../application/ports';

export class MakeRecommendationCommand extends Command<Outcome<Recommendation>> {
  constructor(
    readonly data: { department: string; text: string },
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

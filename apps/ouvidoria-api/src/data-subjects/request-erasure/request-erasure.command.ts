import { Command } from '@nestjs/cqrs';
import type { RequestMeta } from '../../application/ports';
import type { ErasureAnswer } from '../erasure';

export class RequestErasureCommand extends Command<ErasureAnswer> {
  constructor(
    readonly target: { document?: string; protocol?: string },
    readonly meta: RequestMeta,
  ) {
    super();
  }
}

import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SUBJECT_KEYS, type SubjectKeys } from '../../personal-data/subject-keys';
import { subjectOf } from '../data-subject-target';
import { Erasure, type ErasureAnswer } from '../erasure';
import { RequestErasureCommand } from './request-erasure.command';

@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand, ErasureAnswer> {
  constructor(
    private readonly erasure: Erasure,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeys,
  ) {}

  async execute({ target, meta }: RequestErasureCommand): Promise<ErasureAnswer> {
    return this.erasure.request(await subjectOf(target, this.keys, this.erasure), meta);
  }
}

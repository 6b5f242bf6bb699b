import { isProtocol } from '@app/domain';
import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../problems/problem';

/** A path segment that cannot be a protocol names no case: 404, like an unknown one. */
@Injectable()
export class ProtocolPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isProtocol(value)) throw new ProblemException(problem(404, 'MANIFESTATION_NOT_FOUND', `no manifestation ${value}`));
    return value;
  }
}

import type { FieldError } from '@app/domain';

/**
 * Input that is wrong on its own, whichever adapter it came through: HTTP answers it 400, the
 * Kafka intake dead-letters it. `errors` name each field and rule.
 */
export class InvalidInput extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
}

/**
 * Why a command was refused. `kind` tells the edge how to answer (400 / 404 / 409)
 * without the domain knowing about HTTP; `code` is the stable machine-readable reason.
 */
export type RefusalKind = 'invalid' | 'not_found' | 'conflict';

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export class CommandRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'CommandRefused';
  }
}

export const invalid = (code: string, message: string, errors: FieldError[] = []) => new CommandRefused('invalid', code, message, errors);
export const conflict = (code: string, message: string) => new CommandRefused('conflict', code, message);
export const notFound = (code: string, message: string) => new CommandRefused('not_found', code, message);

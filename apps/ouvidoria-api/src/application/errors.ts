/** The client's If-Match named a revision the case is no longer (or not yet) at. */
export class PreconditionFailed extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: bigint | null,
  ) {
    super(`If-Match expected revision ${expected}, the case is at ${actual ?? 'no revision'}`);
    this.name = 'PreconditionFailed';
  }
}

/** An idempotency key (or escalation id) was used before with a different request body. */
export class IdempotencyMismatch extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IdempotencyMismatch';
  }
}

/** Two writers raced for the same revision and this one lost, even after one retry. */
export class ConcurrentModification extends Error {
  constructor(readonly streamId: string) {
    super(`the case ${streamId} changed while the command was decided; retry`);
    this.name = 'ConcurrentModification';
  }
}

/** Every protocol number of the day is taken: nothing the client can fix, so 503. */
export class ProtocolsExhausted extends Error {
  constructor(readonly day: string) {
    super(`all protocol numbers of ${day} are taken`);
    this.name = 'ProtocolsExhausted';
  }
}

import { createHmac } from 'node:crypto';

/**
 * A data subject's pseudonym: a keyed hash (HMAC-SHA256) of its name (`document:<CPF/CNPJ>` or
 * `case:<protocol>`), so that keys and indexes can be found by document without storing one, and
 * nobody without the secret can tell whose they are.
 */
export class SubjectPseudonyms {
  constructor(private readonly secret: Buffer) {
    if (secret.length < 32) throw new Error('the pseudonym secret needs at least 32 bytes');
  }

  of(subject: string): string {
    return createHmac('sha256', this.secret).update(subject).digest('hex');
  }
}

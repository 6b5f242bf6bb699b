import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, isSealed, open, seal, SealedValueRejected } from './field-cipher';

describe('sealing personal values (AES-256-GCM)', () => {
  const key = randomBytes(DATA_KEY_BYTES);
  const context = 'event-1\nrequester.name';

  it('opens what it sealed, and never shows the plaintext sealed', () => {
    const sealed = seal(key, context, 'Maria da Silva — exame negado');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Maria');
    expect(open(key, context, sealed)).toBe('Maria da Silva — exame negado');
    expect(seal(key, context, 'Maria')).not.toBe(seal(key, context, 'Maria')); // a random nonce each time
  });

  it('rejects a changed byte, another key and another field or event', () => {
    const sealed = seal(key, context, 'Maria');
    const raw = Buffer.from(sealed.slice(4), 'base64url');
    raw[raw.length - 20] ^= 1;
    expect(() => open(key, context, `pd1:${raw.toString('base64url')}`)).toThrow(SealedValueRejected);
    expect(() => open(randomBytes(DATA_KEY_BYTES), context, sealed)).toThrow(SealedValueRejected);
    expect(() => open(key, 'event-1\nrequester.email', sealed)).toThrow(SealedValueRejected);
    expect(() => open(key, context, 'pd1:short')).toThrow(SealedValueRejected);
  });

  it('tells sealed values from plain ones', () => {
    expect(isSealed('Maria')).toBe(false);
    expect(isSealed(42)).toBe(false);
  });
});

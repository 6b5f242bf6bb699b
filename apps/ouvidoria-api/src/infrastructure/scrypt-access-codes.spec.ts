import * as crypto from 'node:crypto';
import { ACCESS_CODE_ALPHABET, normalizeAccessCode, ScryptAccessCodes } from './scrypt-access-codes';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return { ...actual, scrypt: jest.fn(actual.scrypt) };
});

describe('ScryptAccessCodes', () => {
  const codes = new ScryptAccessCodes();

  it('issues 12 characters of an unambiguous alphabet in groups of four, and keeps only a salted hash', async () => {
    const { code, hash } = await codes.issue();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(ACCESS_CODE_ALPHABET).not.toMatch(/[01OI]/);
    expect(hash).toMatch(/^scrypt\$ln=12,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain(normalizeAccessCode(code));
  });

  it('gives two codes of the same value different hashes (salted), and random codes', async () => {
    const issued = await Promise.all(Array.from({ length: 20 }, () => codes.issue()));
    expect(new Set(issued.map((i) => i.code)).size).toBe(20);
    expect(new Set(issued.map((i) => i.hash)).size).toBe(20);
  });

  it('matches the code as typed: any case, with or without dashes and spaces', async () => {
    const { code, hash } = await codes.issue();
    expect(await codes.matches(code, hash)).toBe(true);
    expect(await codes.matches(code.toLowerCase().replace(/-/g, ' '), hash)).toBe(true);
    expect(await codes.matches(code.replace(/-/g, ''), hash)).toBe(true);
  });

  it('refuses another code, a code one character off, an absent or unreadable hash, and junk', async () => {
    const { code, hash } = await codes.issue();
    const other = await codes.issue();
    const last = code[code.length - 1];
    const oneOff = code.slice(0, -1) + ACCESS_CODE_ALPHABET[(ACCESS_CODE_ALPHABET.indexOf(last) + 1) % 32];
    expect(await codes.matches(other.code, hash)).toBe(false);
    expect(await codes.matches(oneOff, hash)).toBe(false);
    expect(await codes.matches(code, undefined)).toBe(false);
    expect(await codes.matches(code, 'plain')).toBe(false);
    expect(await codes.matches('', hash)).toBe(false);
    expect(await codes.matches('x'.repeat(10_000), hash)).toBe(false);
  });

  it('costs one scrypt of the same parameters whether the hash is there or not (one timing class)', async () => {
    const { code, hash } = await codes.issue();
    const scrypt = crypto.scrypt as unknown as jest.Mock;
    const costs = async (stored: string | undefined) => {
      scrypt.mockClear();
      await codes.matches(code, stored);
      return scrypt.mock.calls.map(([, , length, options]) => ({ length, options }));
    };
    const real = await costs(hash);
    expect(real).toHaveLength(1);
    expect(await costs(undefined)).toEqual(real);
    expect(await costs('[erased]')).toEqual(real);
  });
});

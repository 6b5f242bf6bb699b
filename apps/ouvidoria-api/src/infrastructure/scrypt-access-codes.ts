import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { AccessCodes, IssuedAccessCode } from '../application/ports';

/** 32 characters, none that reads like another: no 0/O, no 1/I. 5 bits each. */
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 12 characters: 60 bits, shown in groups of four (`7KQM-X3TD-9HWB`). */
export const ACCESS_CODE_LENGTH = 12;
/**
 * scrypt with N = 2^12, r = 8 (4 MiB and about 9 ms per try on one core): against a stolen log,
 * 2^60 codes at that cost each are out of reach, and registration stays cheap. The parameters are
 * kept in every hash, so they can be raised later without breaking older codes.
 */
const COST = { logN: 12, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** A stored hash asking for more than 2^20 (1 GiB) is not one this class wrote. */
const MAX_LOG_N = 20;
const FORMAT = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;
const TYPED = new RegExp(`^[${ACCESS_CODE_ALPHABET}]{${ACCESS_CODE_LENGTH}}$`);
/** What an absent or unreadable hash is checked against, so that it costs as much as a real one. */
const DUMMY = { salt: Buffer.alloc(16), cost: COST };

/** `AccessCodes` with Node's scrypt, off the event loop (libuv's thread pool). */
export class ScryptAccessCodes implements AccessCodes {
  async issue(): Promise<IssuedAccessCode> {
    const chars = Array.from({ length: ACCESS_CODE_LENGTH }, () => ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]);
    const salt = randomBytes(16);
    const digest = await derive(chars.join(''), salt, COST);
    const { logN, r, p } = COST;
    return {
      code: chars.join('').replace(/(.{4})(?!$)/g, '$1-'),
      hash: `scrypt$ln=${logN},r=${r},p=${p}$${salt.toString('base64url')}$${digest.toString('base64url')}`,
    };
  }

  async matches(code: string, hash: string | undefined): Promise<boolean> {
    const typed = normalizeAccessCode(code);
    const stored = hash === undefined ? null : FORMAT.exec(hash);
    if (!stored || Number(stored[1]) > MAX_LOG_N) {
      await derive(typed, DUMMY.salt, DUMMY.cost);
      return false;
    }
    const [, logN, r, p, salt, expected] = stored;
    const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
    const digest = await derive(typed, Buffer.from(salt, 'base64url'), cost);
    const want = Buffer.from(expected, 'base64url');
    // Both lengths are KEY_LENGTH for any hash this class wrote; the comparison itself is constant-time.
    return digest.length === want.length && timingSafeEqual(digest, want) && TYPED.test(typed);
  }
}

/** A code as typed, as it was issued: upper case, without dashes or spaces. */
export function normalizeAccessCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

function derive(code: string, salt: Buffer, { logN, r, p }: typeof COST): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scrypt(code, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

import { decodeJwt } from 'jose';
import { mintToken, parseTtl } from './mint-token';
import { JwtVerifier, InvalidToken } from './token-verifier';

describe('parseTtl', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['400d', 400 * 86_400],
  ])('%s is %i seconds', (text, seconds) => expect(parseTtl(text)).toBe(seconds));

  it.each(['', '8', 'h', '0h', '401d', '1w', '-1h', '1.5h'])('refuses %j', (text) => expect(parseTtl(text)).toBeNull());
});

describe('mintToken and JwtVerifier', () => {
  const secret = new TextEncoder().encode('k'.repeat(40));
  const now = new Date('2026-04-01T13:00:00Z');

  it('signs sub, role, department, issue and expiry times', async () => {
    const token = await mintToken(secret, { sub: 'ana', role: 'department', department: 'regulacao' }, 3600, { issuer: 'me' }, now);
    expect(decodeJwt(token)).toEqual({
      sub: 'ana',
      role: 'department',
      department: 'regulacao',
      iss: 'me',
      iat: 1775048400,
      exp: 1775052000,
    });
  });

  it('verifies its own tokens and refuses one minted with another secret', async () => {
    const token = await mintToken(secret, { sub: 'maria', role: 'auditor' }, 3600);
    await expect(JwtVerifier.withSecret(secret).verify(token)).resolves.toEqual({ sub: 'maria', role: 'auditor' });
    await expect(JwtVerifier.withSecret(new TextEncoder().encode('x'.repeat(40))).verify(token)).rejects.toThrow(InvalidToken);
  });

  it('refuses to mint for a role that does not exist', async () => {
    await expect(mintToken(secret, { sub: 'x', role: 'root' as never }, 60)).rejects.toThrow('claim "role"');
  });
});

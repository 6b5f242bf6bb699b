import { damageOf, isSafeName, parseManifest } from './manifest';

const SHA = 'a'.repeat(64);
const valid = {
  format: 'ouvidoria-backup',
  version: 1,
  createdAt: '2026-04-01T13:00:00.000Z',
  log: { events: 3, lastPosition: '3' },
  files: [{ name: 'events.sqlite', bytes: 4096, sha256: SHA }],
  requires: [],
};
const problemOf = (change: (m: any) => void) => {
  const m = structuredClone(valid) as any;
  change(m);
  return parseManifest(JSON.stringify(m));
};

describe('parseManifest', () => {
  it('reads a valid manifest', () => {
    expect(parseManifest(JSON.stringify(valid))).toEqual({ manifest: valid });
  });

  it.each([
    ['another format', (m: any) => (m.format = 'tar'), 'is not an ouvidoria-backup manifest'],
    ['a newer version', (m: any) => (m.version = 2), 'has version 2; this version reads 1'],
    ['no createdAt', (m: any) => delete m.createdAt, 'has no valid createdAt'],
    ['a bad position', (m: any) => (m.log.lastPosition = -1), 'has no valid log (events, lastPosition)'],
    ['no files', (m: any) => (m.files = []), 'lists no files'],
    ['an absolute name', (m: any) => (m.files[0].name = '/etc/passwd'), 'names a file outside the folder: "/etc/passwd"'],
    ['a short hash', (m: any) => (m.files[0].sha256 = 'abc'), 'has no valid size and SHA-256 for events.sqlite'],
    ['a negative size', (m: any) => (m.files[0].bytes = -1), 'has no valid size and SHA-256 for events.sqlite'],
    ['a name twice', (m: any) => m.files.push(m.files[0]), 'lists events.sqlite twice'],
    ['no requires list', (m: any) => delete m.requires, 'has no valid requires list'],
  ])('refuses %s', (_case, change, problem) => {
    expect(problemOf(change)).toEqual({ problem });
  });

  it('refuses what is not JSON', () => {
    expect(parseManifest('{')).toEqual({ problem: 'is not JSON' });
    expect(parseManifest('null')).toEqual({ problem: 'is not an ouvidoria-backup manifest' });
  });
});

describe('isSafeName', () => {
  it.each(['events.sqlite', 'attachments/ab/cd/abcd'])('accepts %s', (name) => expect(isSafeName(name)).toBe(true));
  it.each(['', '/abs', '../up', 'a/../../b', 'a//b', './a', 'a\\b', 'a/'])('refuses %j', (name) => expect(isSafeName(name)).toBe(false));
});

describe('damageOf', () => {
  const expected = { name: 'keys.sqlite', bytes: 10, sha256: SHA };
  it('names what differs', () => {
    expect(damageOf(expected, null)).toBe('keys.sqlite is missing');
    expect(damageOf(expected, { bytes: 9, sha256: SHA })).toBe('keys.sqlite has 9 bytes, the manifest says 10');
    expect(damageOf(expected, { bytes: 10, sha256: 'b'.repeat(64) })).toBe('keys.sqlite does not match its SHA-256 in the manifest');
    expect(damageOf(expected, { bytes: 10, sha256: SHA })).toBeNull();
  });
});

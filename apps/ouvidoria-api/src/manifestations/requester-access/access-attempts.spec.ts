import { AccessAttempts } from './access-attempts';

describe('AccessAttempts', () => {
  let now: number;
  const attempts = () => new AccessAttempts({ perAddressPerMinute: 3, failuresBeforeLock: 2, lockMinutes: 15 }, () => now);
  beforeEach(() => (now = Date.parse('2026-04-01T13:00:00Z')));

  it('lets an address make its rate of requests a minute, then refuses until the minute is over', () => {
    const a = attempts();
    for (let i = 0; i < 3; i++) expect(a.admit('10.0.0.1', `P${i}`)).toBeNull();
    expect(a.admit('10.0.0.1', 'P9')).toEqual({ reason: 'address_rate', retryAfterSeconds: 60 });
    expect(a.admit('10.0.0.2', 'P9')).toBeNull();
    now += 60_000;
    expect(a.admit('10.0.0.1', 'P9')).toBeNull();
  });

  it('counts attempts still being judged, so that parallel guesses cannot pass the lock', () => {
    const a = attempts();
    expect(a.admit('10.0.0.1', 'P1')).toBeNull();
    expect(a.admit('10.0.0.2', 'P1')).toBeNull();
    expect(a.admit('10.0.0.3', 'P1')).toEqual({ reason: 'protocol_locked', retryAfterSeconds: 1 });
    a.succeeded('P1');
    a.abandoned('P1');
    expect(a.admit('10.0.0.3', 'P1')).toBeNull();
  });

  it('locks a protocol after its wrong codes, from every address, for the lock time, and then lets it be tried again', () => {
    const a = attempts();
    a.failed('P1');
    expect(a.admit('10.0.0.1', 'P1')).toBeNull();
    a.failed('P1');
    expect(a.admit('10.0.0.2', 'P1')).toEqual({ reason: 'protocol_locked', retryAfterSeconds: 900 });
    expect(a.admit('10.0.0.3', 'P2')).toBeNull();
    now += 15 * 60_000 - 1000;
    expect(a.admit('10.0.0.4', 'P1')).toEqual({ reason: 'protocol_locked', retryAfterSeconds: 1 });
    now += 1000;
    expect(a.admit('10.0.0.5', 'P1')).toBeNull();
  });

  it('forgives wrong codes once the right one comes, and forgets them after the lock time', () => {
    const a = attempts();
    a.failed('P1');
    a.succeeded('P1');
    a.failed('P1');
    expect(a.admit('10.0.0.1', 'P1')).toBeNull();
    now += 15 * 60_000;
    a.failed('P1');
    expect(a.admit('10.0.0.1', 'P1')).toBeNull();
  });
});

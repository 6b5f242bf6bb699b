import { DateTime } from 'luxon';
import { ZoneOffsets } from './zone-offsets';

/** The memoised arithmetic must agree with luxon everywhere, transitions included. */
describe('ZoneOffsets', () => {
  const luxonIso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISO();

  it.each([
    ['America/Sao_Paulo', '2018-11-04T02:00:00Z'], // Brazilian summer time began at local midnight
    ['America/Sao_Paulo', '2019-02-17T01:30:00Z'], // ...and ended
    ['America/New_York', '2026-03-08T06:00:00Z'],
    ['Asia/Kathmandu', '2026-01-01T00:00:00Z'], // +05:45
    ['Australia/Lord_Howe', '2026-04-05T14:00:00Z'], // 30-minute DST shift
    ['Europe/London', '2026-03-29T01:00:00Z'],
  ])('writes the same ISO text as luxon around %s %s', (zone, around) => {
    const offsets = new ZoneOffsets(zone);
    const start = Date.parse(around) - 3 * 3600_000;
    for (let ms = start; ms < start + 6 * 3600_000; ms += 7 * 60_000 + 13_001) {
      expect(offsets.toIso(ms)).toBe(luxonIso(ms, zone));
    }
  });

  it('finds the instant of a local wall-clock reading', () => {
    const offsets = new ZoneOffsets('America/Sao_Paulo');
    const wall = Date.UTC(2026, 3, 13, 23, 59, 59, 999);
    expect(new Date(offsets.instantAt(wall)).toISOString()).toBe('2026-04-14T02:59:59.999Z');
  });
});

import { BusinessCalendar, type CalendarConfig } from './business-calendar';

const BASE: CalendarConfig = { timeZone: 'America/Sao_Paulo', region: 'BR', holidayTypes: ['public'], extraHolidays: [] };
const calendarWith = (config: Partial<CalendarConfig> = {}) => new BusinessCalendar({ ...BASE, ...config });

/** The deadline of 7 business days from `receivedAt`, as the local ISO string stored in events. */
const deadline = (receivedAt: string, calendar = calendarWith(), businessDays = 7) =>
  calendar.toLocalIso(calendar.deadline(new Date(receivedAt), businessDays));

describe('BusinessCalendar.deadline', () => {
  it('skips Good Friday', () => {
    expect(deadline('2026-04-01T10:00:00-03:00')).toBe('2026-04-13T23:59:59.999-03:00');
  });

  it('starts counting on Monday for a Saturday registration', () => {
    expect(deadline('2026-11-21T10:00:00-03:00')).toBe('2026-12-01T23:59:59.999-03:00');
  });

  it('crosses the year boundary, skipping 1 January', () => {
    expect(deadline('2026-12-28T10:00:00-03:00')).toBe('2027-01-07T23:59:59.999-03:00');
  });

  it('skips a state holiday only in that state (Nossa Senhora das Neves, PB)', () => {
    expect(deadline('2026-08-03T10:00:00-03:00')).toBe('2026-08-12T23:59:59.999-03:00');
    expect(deadline('2026-08-03T10:00:00-03:00', calendarWith({ region: 'BR-PB' }))).toBe('2026-08-13T23:59:59.999-03:00');
  });

  it('counts Carnival as business days by default, and not when bank holidays stop the clock', () => {
    expect(deadline('2026-02-13T10:00:00-03:00')).toBe('2026-02-24T23:59:59.999-03:00');
    expect(deadline('2026-02-13T10:00:00-03:00', calendarWith({ holidayTypes: ['public', 'bank'] }))).toBe('2026-02-26T23:59:59.999-03:00');
  });

  it('skips the configured extra holidays', () => {
    const calendar = calendarWith({ extraHolidays: ['2026-04-02', '2026-04-13'] });
    expect(deadline('2026-04-01T10:00:00-03:00', calendar)).toBe('2026-04-15T23:59:59.999-03:00');
  });

  it('counts from the local day: 01:30 UTC on 2 April is still 1 April in São Paulo', () => {
    expect(deadline('2026-04-02T01:30:00Z')).toBe('2026-04-13T23:59:59.999-03:00');
    expect(deadline('2026-04-02T03:00:00Z')).toBe('2026-04-14T23:59:59.999-03:00');
  });

  it('ends at the end of the received day for 0 business days', () => {
    expect(deadline('2026-04-01T10:00:00-03:00', calendarWith(), 0)).toBe('2026-04-01T23:59:59.999-03:00');
  });
});

describe('BusinessCalendar.businessDaysBetween', () => {
  const between = (from: string, to: string, calendar = calendarWith()) => calendar.businessDaysBetween(new Date(from), new Date(to));

  it('does not count the first day and counts the last, skipping Good Friday', () => {
    expect(between('2026-04-01T10:00:00-03:00', '2026-04-06T09:00:00-03:00')).toBe(2);
  });

  it('is 0 on the same local day and across a weekend', () => {
    expect(between('2026-04-01T08:00:00-03:00', '2026-04-01T23:00:00-03:00')).toBe(0);
    expect(between('2026-04-10T18:00:00-03:00', '2026-04-12T18:00:00-03:00')).toBe(0);
  });

  it('uses local days on both ends', () => {
    expect(between('2026-04-02T01:30:00Z', '2026-04-07T02:00:00Z')).toBe(2);
  });

  it('agrees with the deadline: its last day is the Nth business day', () => {
    expect(between('2026-12-28T10:00:00-03:00', '2027-01-07T23:59:59.999-03:00')).toBe(7);
  });
});

describe('BusinessCalendar.isBusinessDay', () => {
  it.each([
    ['2026-04-03', false],
    ['2026-04-04', false],
    ['2026-04-05', false],
    ['2026-04-06', true],
    ['2026-11-20', false],
    ['2026-02-16', true],
  ])('%s is a business day: %p', (iso, expected) => {
    expect(calendarWith().isBusinessDay(iso)).toBe(expected);
  });
});

describe('BusinessCalendar local formats', () => {
  it('writes instants with the operator offset and dates as local YYYYMMDD', () => {
    const calendar = calendarWith();
    expect(calendar.toLocalIso(new Date('2026-04-02T01:30:00Z'))).toBe('2026-04-01T22:30:00.000-03:00');
    expect(calendar.localDateCompact(new Date('2026-04-02T01:30:00Z'))).toBe('20260401');
  });
});

describe('BusinessCalendar.validate', () => {
  it('accepts a valid configuration, including a state and a municipality', () => {
    expect(BusinessCalendar.validate(BASE)).toStrictEqual([]);
    expect(BusinessCalendar.validate({ ...BASE, region: 'BR-PB' })).toStrictEqual([]);
    expect(BusinessCalendar.validate({ ...BASE, region: 'BR-SP-SP', extraHolidays: ['2026-07-26'] })).toStrictEqual([]);
  });

  it('reports an unknown time zone', () => {
    expect(BusinessCalendar.validate({ ...BASE, timeZone: 'America/Atlantis' })).toStrictEqual(['unknown time zone "America/Atlantis"']);
  });

  it.each(['XX', 'BR-ZZ', 'BR-SP-ZZZ', ''])('reports unknown region %p', (region) => {
    expect(BusinessCalendar.validate({ ...BASE, region })).toStrictEqual([
      `unknown holiday region "${region}" (date-holidays codes such as BR, BR-PB, BR-SP-SP)`,
    ]);
  });

  it('reports an unknown holiday type', () => {
    expect(BusinessCalendar.validate({ ...BASE, holidayTypes: ['public', 'feriado'] })).toStrictEqual([
      'unknown holiday type "feriado" (one of public, bank, school, optional, observance)',
    ]);
  });

  it.each(['26-07-26', '2026-02-30', '2026-7-26', '2026-07-26T00:00'])('reports malformed extra holiday %p', (d) => {
    expect(BusinessCalendar.validate({ ...BASE, extraHolidays: [d] })).toStrictEqual([`extra holiday "${d}" is not an ISO date`]);
  });

  it('reports every problem at once, and the constructor refuses them', () => {
    const bad: CalendarConfig = { timeZone: 'Nowhere', region: 'XX', holidayTypes: ['x'], extraHolidays: ['y'] };
    expect(BusinessCalendar.validate(bad)).toHaveLength(4);
    expect(() => new BusinessCalendar(bad)).toThrow('unknown time zone "Nowhere"; unknown holiday region "XX"');
  });
});

describe('BusinessCalendar.businessDaysBetween, counted without walking the days', () => {
  /** The obvious count, one day at a time: what the fast count must always agree with. */
  const walked = (calendar: BusinessCalendar, from: Date, to: Date) => {
    let count = 0;
    for (let day = new Date(from.getTime()); ;) {
      day = new Date(day.getTime() + 86_400_000);
      const local = calendar.toLocalIso(day).slice(0, 10);
      if (local > calendar.toLocalIso(to).slice(0, 10)) return count;
      if (calendar.isBusinessDay(local)) count++;
    }
  };

  it('agrees with a day-by-day count over spans from zero days to several years, holidays and extra dates included', () => {
    const calendar = calendarWith({ region: 'BR-PB', extraHolidays: ['2026-07-27', '2027-12-24', '2026-08-08'] });
    const starts = ['2025-12-30T10:00:00-03:00', '2026-04-02T23:30:00-03:00', '2026-11-21T08:00:00-03:00', '2026-02-13T10:00:00-03:00'];
    const spans = [0, 1, 2, 6, 7, 13, 45, 200, 800];
    for (const start of starts) {
      for (const span of spans) {
        const from = new Date(start);
        const to = new Date(from.getTime() + span * 86_400_000);
        expect({ start, span, count: calendar.businessDaysBetween(from, to) }).toEqual({ start, span, count: walked(calendar, from, to) });
      }
    }
  });

  it('is 0 when the end is on or before the start day', () => {
    const calendar = calendarWith();
    expect(calendar.businessDaysBetween(new Date('2026-04-06T10:00:00-03:00'), new Date('2026-04-06T18:00:00-03:00'))).toBe(0);
    expect(calendar.businessDaysBetween(new Date('2026-04-06T10:00:00-03:00'), new Date('2026-04-01T18:00:00-03:00'))).toBe(0);
  });
});

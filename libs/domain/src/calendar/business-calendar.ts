import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import { ZoneOffsets } from './zone-offsets';

export interface CalendarConfig {
  /** IANA zone the operator works in, e.g. `America/Sao_Paulo`. */
  timeZone: string;
  /** `date-holidays` region: `BR`, `BR-PB`, `BR-SP-SP`, ... */
  region: string;
  /** `date-holidays` holiday types that stop the clock, e.g. `['public']`. */
  holidayTypes: string[];
  /** Extra non-business days as ISO dates (`2026-07-26`). */
  extraHolidays: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/**
 * Business days as RN 323 counts them: Monday to Friday minus the configured holidays.
 * The day an event happens never counts; a period of N business days ends at the end of
 * the Nth business day after it, in the operator's time zone.
 */
export class BusinessCalendar {
  private readonly holidays: Holidays;
  private readonly zone: ZoneOffsets;
  private readonly types: ReadonlySet<string>;
  private readonly extra: ReadonlySet<string>;
  private readonly holidaysByYear = new Map<number, ReadonlySet<string>>();
  private readonly weekdayHolidaysByYear = new Map<number, number[]>();

  constructor(readonly config: CalendarConfig) {
    const problems = BusinessCalendar.validate(config);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const [country, state, region] = config.region.split('-');
    this.holidays = new Holidays(country, state, region);
    this.zone = new ZoneOffsets(config.timeZone);
    this.types = new Set(config.holidayTypes);
    this.extra = new Set(config.extraHolidays);
  }

  /** Every problem with a configuration, in words an operator can act on. */
  static validate(config: CalendarConfig): string[] {
    const problems: string[] = [];
    if (!IANAZone.isValidZone(config.timeZone)) problems.push(`unknown time zone "${config.timeZone}"`);
    const [country, state, region] = config.region.split('-');
    const probe = new Holidays();
    const known =
      Boolean(country) &&
      Boolean(probe.getCountries()[country]) &&
      (!state || Boolean(probe.getStates(country)?.[state])) &&
      (!region || Boolean(probe.getRegions(country, state)?.[region]));
    if (!known) problems.push(`unknown holiday region "${config.region}" (date-holidays codes such as BR, BR-PB, BR-SP-SP)`);
    const types = ['public', 'bank', 'school', 'optional', 'observance'];
    for (const t of config.holidayTypes) {
      if (!types.includes(t)) problems.push(`unknown holiday type "${t}" (one of ${types.join(', ')})`);
    }
    for (const d of config.extraHolidays) {
      if (!ISO_DATE.test(d) || !DateTime.fromISO(d).isValid) problems.push(`extra holiday "${d}" is not an ISO date`);
    }
    return problems;
  }

  /** End (23:59:59.999 local) of the Nth business day after the local day of `from`. */
  deadline(from: Date, businessDays: number): Date {
    let day = this.localEpochDay(from);
    for (let counted = 0; counted < businessDays;) {
      day++;
      if (this.isBusinessEpochDay(day)) counted++;
    }
    return new Date(this.zone.instantAt((day + 1) * DAY_MS - 1));
  }

  /** Business days after the local day of `from` up to and including the local day of `to`. */
  businessDaysBetween(from: Date, to: Date): number {
    const first = this.localEpochDay(from) + 1;
    const last = this.localEpochDay(to);
    if (last < first) return 0;
    // Weekdays by arithmetic, minus the holidays that fall on weekdays in between: constant work
    // per year spanned, however far apart the days are (a case overdue for years costs the same).
    let holidays = 0;
    const lastYear = new Date(last * DAY_MS).getUTCFullYear();
    for (let year = new Date(first * DAY_MS).getUTCFullYear(); year <= lastYear; year++) {
      for (const day of this.weekdayHolidaysOf(year)) if (day >= first && day <= last) holidays++;
    }
    return weekdaysUpTo(last) - weekdaysUpTo(first - 1) - holidays;
  }

  /** The instant a local calendar date (`2026-03-01`) begins, in the operator's time zone. */
  startOfLocalDay(isoDate: string): Date {
    return new Date(this.zone.instantAt(Date.parse(isoDate)));
  }

  /** Whether a calendar date (`2026-04-03`) is a business day. */
  isBusinessDay(isoDate: string): boolean {
    return this.isBusinessEpochDay(Date.parse(isoDate) / DAY_MS);
  }

  /** ISO-8601 with the operator's offset, the form every instant takes in events and views. */
  toLocalIso(instant: Date): string {
    return this.zone.toIso(instant.getTime());
  }

  /** The operator's local calendar date, `YYYYMMDD`. */
  localDateCompact(instant: Date): string {
    return new Date(this.zone.wallClock(instant.getTime())).toISOString().slice(0, 10).replace(/-/g, '');
  }

  /** The local calendar day of an instant as days since 1970-01-01: walking days is integer arithmetic. */
  private localEpochDay(instant: Date): number {
    return Math.floor(this.zone.wallClock(instant.getTime()) / DAY_MS);
  }

  private isBusinessEpochDay(epochDay: number): boolean {
    const date = new Date(epochDay * DAY_MS);
    const weekday = date.getUTCDay();
    if (weekday === 0 || weekday === 6) return false;
    const iso = date.toISOString().slice(0, 10);
    return !this.extra.has(iso) && !this.holidaysOf(date.getUTCFullYear()).has(iso);
  }

  /** The year's non-business weekdays (configured holidays and extra dates), as epoch days. */
  private weekdayHolidaysOf(year: number): number[] {
    let days = this.weekdayHolidaysByYear.get(year);
    if (!days) {
      const dates = new Set([...this.holidaysOf(year), ...[...this.extra].filter((d) => d.startsWith(`${year}-`))]);
      days = [...dates].map((d) => Date.parse(d) / DAY_MS).filter((day) => ![0, 6].includes(new Date(day * DAY_MS).getUTCDay()));
      this.weekdayHolidaysByYear.set(year, days);
    }
    return days;
  }

  private holidaysOf(year: number): ReadonlySet<string> {
    let dates = this.holidaysByYear.get(year);
    if (!dates) {
      const matching = this.holidays.getHolidays(year).filter((h) => this.types.has(h.type));
      dates = new Set(matching.map((h) => h.date.slice(0, 10)));
      this.holidaysByYear.set(year, dates);
    }
    return dates;
  }
}

/** Weekdays (Monday to Friday) among epoch days 0..day; epoch day 0, 1970-01-01, was a Thursday. */
function weekdaysUpTo(day: number): number {
  const days = day + 1;
  // Weekdays among the first r days of a week that starts on a Thursday: Thu, Fri, Sat, Sun, Mon, Tue.
  const partial = [0, 1, 2, 2, 2, 3, 4][((days % 7) + 7) % 7];
  return Math.floor(days / 7) * 5 + partial;
}

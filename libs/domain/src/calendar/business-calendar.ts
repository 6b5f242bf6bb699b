import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';

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

/**
 * Business days as RN 323 counts them: Monday to Friday minus the configured holidays.
 * The day an event happens never counts; a period of N business days ends at the end of
 * the Nth business day after it, in the operator's time zone.
 */
export class BusinessCalendar {
  private readonly holidays: Holidays;
  private readonly types: ReadonlySet<string>;
  private readonly extra: ReadonlySet<string>;
  private readonly holidaysByYear = new Map<number, ReadonlySet<string>>();

  constructor(readonly config: CalendarConfig) {
    const problems = BusinessCalendar.validate(config);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const [country, state, region] = config.region.split('-');
    this.holidays = new Holidays(country, state, region);
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
    let day = this.localDay(from);
    for (let counted = 0; counted < businessDays; ) {
      day = day.plus({ days: 1 });
      if (this.isBusinessDay(day)) counted++;
    }
    return day.endOf('day').toJSDate();
  }

  /** Business days after the local day of `from` up to and including the local day of `to`. */
  businessDaysBetween(from: Date, to: Date): number {
    const last = this.localDay(to);
    let count = 0;
    for (let day = this.localDay(from).plus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
      if (this.isBusinessDay(day)) count++;
    }
    return count;
  }

  isBusinessDay(day: DateTime): boolean {
    if (day.weekday > 5) return false;
    const iso = day.toISODate()!;
    return !this.extra.has(iso) && !this.holidaysOf(day.year).has(iso);
  }

  /** ISO-8601 with the operator's offset, the form every instant takes in events and views. */
  toLocalIso(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: this.config.timeZone }).toISO()!;
  }

  /** The operator's local calendar date, `YYYYMMDD`. */
  localDateCompact(instant: Date): string {
    return DateTime.fromJSDate(instant, { zone: this.config.timeZone }).toFormat('yyyyLLdd');
  }

  private localDay(instant: Date): DateTime {
    return DateTime.fromJSDate(instant, { zone: this.config.timeZone }).startOf('day');
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

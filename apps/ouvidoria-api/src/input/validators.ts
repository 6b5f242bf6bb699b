import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { Matches, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';

/** What an identifying header (correlation id, idempotency key) may hold: 1 to 200 printable ASCII characters. */
export const HEADER_VALUE = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/** Rejects strings made only of white space. */
export const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });

/** A department code (`DEPARTMENT_CODE_PATTERN`). */
export const IsDepartmentCode = () =>
  Matches(DEPARTMENT_CODE_PATTERN, { message: `$property must match ${DEPARTMENT_CODE_PATTERN.source}` });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Nothing an Ouvidoria handles predates RN 323 by decades; older instants are typos (or abuse). */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/**
 * ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`), a real calendar date (no 30
 * February), from the year 2000 on: an instant nobody can misread.
 */
function isIsoInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return false;
  // Both parsers must agree: luxon refuses impossible dates, Date.parse (what the handlers use)
  // refuses offsets such as +99:99 that luxon would take.
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid && parsed.toMillis() === Date.parse(value) && parsed.toMillis() >= EARLIEST;
}

/** A calendar date, `2026-03-01`, that exists, from the year 2000 on. */
export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value).isValid && Date.parse(value) >= EARLIEST;

const rule = (name: string, validate: (value: unknown) => boolean, message: string) => (target: object, propertyName: string) =>
  registerDecorator({ name, target: target.constructor, propertyName, options: { message }, validator: { validate } });

export const IsIsoInstant = () =>
  rule(
    'isIsoInstant',
    isIsoInstant,
    '$property must be an ISO-8601 date-time with offset from the year 2000 on, e.g. 2026-04-01T10:00:00-03:00',
  );

/** An instant, or a plain calendar date, which people type (the caller decides which instant a date means). */
export const IsIsoInstantOrDate = () =>
  rule(
    'isIsoInstantOrDate',
    (value) => isIsoDate(value) || isIsoInstant(value),
    '$property must be a date (2026-03-01) or an ISO-8601 date-time with offset (2026-03-01T08:00:00-03:00), from the year 2000 on',
  );

import { Matches, registerDecorator, type ValidationOptions } from 'class-validator';

/** Rejects strings made only of white space. */
export const NotBlank = () => Matches(/\S/, { message: '$property must not be blank' });

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`): an instant nobody can misread. */
export function IsIsoInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be an ISO-8601 date-time with offset, e.g. 2026-04-01T10:00:00-03:00', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
      },
    });
}

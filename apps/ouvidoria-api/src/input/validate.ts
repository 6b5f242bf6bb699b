import type { FieldError } from '@app/domain';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { canonicalJson } from '@app/event-store';
import { createHash } from 'node:crypto';
import { InvalidInput } from './invalid-input';
import { assertSafeJson } from './json';

/**
 * Flattens class-validator's tree into one entry per field and rule, with dotted paths. A field
 * that is missing gets one entry, "required", rather than every rule its absent value breaks.
 */
function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (error.value === undefined && constraints.length > 0) return [{ field, rule: 'required', message: `${field} is required` }];
    const own = constraints.map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * A body (a JSON object) or a query string judged by its class's rules and turned into an
 * instance of it; every adapter's input goes through here. Unknown fields are refused: a typo in
 * a field name must not silently drop data. Keys that reach the prototype are refused first.
 */
export async function validateInput<T extends object>(metatype: ClassConstructor<T>, value: unknown, kind: 'body' | 'query'): Promise<T> {
  if (kind === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new InvalidInput('BODY_REQUIRED', 'the body must be a JSON object');
  }
  assertSafeJson(value);
  const instance = plainToInstance(metatype, value ?? {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidInput('VALIDATION_FAILED', 'the request is invalid: see errors', fieldErrors(errors));
  return instance;
}

/** Digest of a parsed body: key order and spacing do not change it (idempotency compares these). */
export const fingerprintOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

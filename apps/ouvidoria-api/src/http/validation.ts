import type { FieldError } from '@app/domain';
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { assertSafeJson } from './json-body';
import { problem, ProblemException } from './problem';

/**
 * Flattens class-validator's tree into one entry per field and rule, with dotted paths. A field
 * that is missing gets one entry, "required", rather than every rule its absent value breaks.
 */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (error.value === undefined && constraints.length > 0) return [{ field, rule: 'required', message: `${field} is required` }];
    const own = constraints.map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * A body must be a JSON object before its fields can be judged, and no body or query may name a
 * key that reaches the prototype (a query string is not parsed by `parseJsonBody`).
 */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ProblemException(problem(400, 'BODY_REQUIRED', 'the request body must be a JSON object'));
    }
    if (metadata.type === 'body' || metadata.type === 'query') assertSafeJson(value);
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused too: a typo in a field name must not silently drop data. */
export const validationPipe = new BodyValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors) =>
    new ProblemException(problem(400, 'VALIDATION_FAILED', 'the request is invalid: see errors', fieldErrors(errors))),
});

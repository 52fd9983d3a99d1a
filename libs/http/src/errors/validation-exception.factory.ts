import type { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldError, ValidationError } from '@keel/kernel';

/** Flattens nested class-validator errors into `[{ field: "items[0].quantity", message }]`. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: clip(field, MAX_FIELD_LENGTH),
      message: clip(humanize(message, error.property), MAX_MESSAGE_LENGTH),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// A property name comes from the client and can be huge; the error echoes it, so it is clipped.
/** `text` cut to at most `max` characters, with an ellipsis when cut. */
const MAX_FIELD_LENGTH = 200;
const MAX_MESSAGE_LENGTH = 1000;
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// class-validator prefixes messages with the property name; the field is already separate.
function humanize(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/**
 * At most this many field errors are reported: a hostile body (say, a
 * top-level array of 20 000 elements) would otherwise get an error per
 * element, a response far larger than the request. The first ones are enough
 * to fix the request.
 */
export const MAX_REPORTED_FIELD_ERRORS = 100;

export function validationExceptionFactory(errors: ClassValidatorError[]): ValidationError {
  return new ValidationError(
    'The request is invalid; see errors for each field.',
    flattenValidationErrors(errors).slice(0, MAX_REPORTED_FIELD_ERRORS),
  );
}

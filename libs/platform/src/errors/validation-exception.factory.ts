import type { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldError, ValidationError } from '../domain';

/** Flattens nested class-validator errors into `[{ field: "items[0].quantity", message }]`. */
export function flattenValidationErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent ? (isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: humanize(message, error.property) }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// class-validator prefixes messages with the property name; the field is already separate.
function humanize(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export function validationExceptionFactory(errors: ClassValidatorError[]): ValidationError {
  return new ValidationError('The request is invalid; see errors for each field.', flattenValidationErrors(errors));
}

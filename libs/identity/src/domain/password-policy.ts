import { ValidationError } from '@keel/kernel/domain';

export const PASSWORD_MIN_LENGTH = 12;
/** Bounded so a megabyte "password" cannot make hashing a denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** NIST 800-63B style: length over composition rules. */
export function assertAcceptablePassword(plain: string, field = 'password'): void {
  const length = [...plain].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError('The password does not meet the policy.', [
      { field, message: `must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters` },
    ]);
  }
}

import type { ValueTransformer } from 'typeorm';

/**
 * For `bigint` columns holding money in minor units: pg returns bigint as a
 * string (it may exceed 2^53), but amounts stay far below 2^53
 * (MAX_MINOR_UNITS), so a number is exact. NULL stays null.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

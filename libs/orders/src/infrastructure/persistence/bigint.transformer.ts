import type { ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; amounts stay far below 2^53 (MAX_MINOR_UNITS), so a number is exact. */
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

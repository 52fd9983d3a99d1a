/**
 * OpenAPI schema fragments for the value formats every context returns, so
 * their bounds are stated once. Spread them into `@ApiProperty`.
 */

/** A UUID in its canonical 36-character form (ids, the contract's only id format). */
export const UUID_FORMAT = {
  type: 'string',
  format: 'uuid',
  minLength: 36,
  maxLength: 36,
  example: '3f8a2c1e-6b7d-4e9f-a0b1-c2d3e4f5a6b7',
} as const;

/** An ISO-8601 UTC timestamp as `Date.toISOString()` writes it (24 characters; 27 for years past 9999). */
export const DATE_TIME_FORMAT = { type: 'string', format: 'date-time', maxLength: 30, example: '2026-12-01T09:30:00.000Z' } as const;

/** Integers that fit in 32 bits (counts, quantities, stock). */
export const INT32_FORMAT = { type: 'integer', format: 'int32' } as const;

/** Integers beyond 32 bits but safe in JavaScript (money in minor units). */
export const INT64_FORMAT = { type: 'integer', format: 'int64' } as const;

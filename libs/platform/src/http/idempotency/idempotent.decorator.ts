import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';

export const IDEMPOTENT = 'keel:idempotent';

export interface IdempotentOptions {
  /** Operation name; keys are scoped to it and to the calling user. */
  scope: string;
  /** How long a key is remembered (default 24 h). */
  ttlSeconds?: number;
  /** After this, an attempt still marked in flight is considered crashed and may be retaken (default 60 s). */
  lockSeconds?: number;
}

/**
 * Makes a handler idempotent under the `Idempotency-Key` header (required).
 * Decorator pattern: the handler stays a plain command dispatch.
 */
export const Idempotent = (options: IdempotentOptions) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'Client-chosen unique key (1–255 visible ASCII characters). Retrying with the same key and body within 24 h returns the original response with `Idempotent-Replayed: true` and creates nothing.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]{1,255}$' },
    }),
    ApiResponse({ status: 409, description: 'A request with the same Idempotency-Key is still in flight' }),
    ApiResponse({ status: 422, description: 'The Idempotency-Key was used with a different body' }),
  );

import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.options';

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

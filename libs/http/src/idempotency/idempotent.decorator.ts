import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.options';

/**
 * Makes a route idempotent under the `Idempotency-Key` header (required). The
 * route must dispatch one command whose handler is a
 * @TransactionalCommandHandler: the command pipeline claims the key inside
 * that command's transaction. The route stays a plain command dispatch.
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
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: '^[\\x21-\\x7e]{1,255}$',
        example: '9b2f6c1e-4d8a-4e3b-a7c5-1f0e2d3c4b5a',
      },
    }),
    ApiResponse({
      status: 409,
      description:
        'A request with the same Idempotency-Key is still in flight (`idempotency-key-in-flight`); retry after `Retry-After` seconds to get its response',
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before retrying',
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 60 },
        },
      },
    }),
    ApiResponse({ status: 422, description: 'The Idempotency-Key was used with a different body' }),
  );

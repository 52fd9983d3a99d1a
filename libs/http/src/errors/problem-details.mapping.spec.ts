import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConflictError, RateLimitedError, ValidationError } from '@keel/kernel';
import { IdempotencyKeyInFlightError } from '@keel/messaging';
import { mapError } from './problem-details.mapping';

describe('mapError', () => {
  it('When a domain error is thrown, then its kind decides the status and its code the type', () => {
    class SkuTaken extends ConflictError {
      override readonly code = 'duplicate-sku';
    }
    expect(mapError(new SkuTaken('SKU exists'))).toMatchObject({
      status: 409,
      type: 'https://keel.dev/problems/duplicate-sku',
      detail: 'SKU exists',
    });
  });

  it('When a validation error has field errors, then they are kept', () => {
    const mapped = mapError(new ValidationError('bad', [{ field: 'a', message: 'm' }]));
    expect(mapped).toMatchObject({ status: 400, errors: [{ field: 'a', message: 'm' }] });
  });

  it('When an unknown error is thrown, then 500 with a generic detail that leaks nothing', () => {
    const mapped = mapError(new Error('connection to 10.0.0.5 refused; password=hunter2'));
    expect(mapped.status).toBe(500);
    expect(mapped.unexpected).toBe(true);
    expect(mapped.detail).not.toMatch(/10\.0\.0\.5|hunter2/);
  });

  it('When Nest HTTP exceptions are thrown, then their 4xx status and message are kept', () => {
    expect(mapError(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, detail: 'Cannot GET /x' });
    expect(mapError(new BadRequestException())).toMatchObject({ status: 400 });
  });

  it('When Fastify rejects the body, then its status is kept with a safe message', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(mapError(tooLarge)).toMatchObject({ status: 413, detail: 'The request body is larger than allowed.' });
  });

  it('When a rate limit or lockout refuses a request, then 429 with its type and a Retry-After of whole seconds (at least 1)', () => {
    class Locked extends RateLimitedError {
      override readonly code = 'account-locked';
    }
    expect(mapError(new Locked('Locked', 59.2))).toMatchObject({
      status: 429,
      type: 'https://keel.dev/problems/account-locked',
      headers: { 'retry-after': '60' },
      unexpected: false,
    });
    expect(mapError(new RateLimitedError('Slow down', 0)).headers).toEqual({ 'retry-after': '1' });
    expect(mapError(new ConflictError('x')).headers).toBeUndefined();
  });

  it('When an Idempotency-Key is still in flight, then 409 idempotency-key-in-flight with a Retry-After', () => {
    expect(mapError(new IdempotencyKeyInFlightError())).toMatchObject({
      status: 409,
      type: 'https://keel.dev/problems/idempotency-key-in-flight',
      headers: { 'retry-after': '1' },
      unexpected: false,
    });
  });
});

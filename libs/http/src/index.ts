/**
 * @keel/http — may import @keel/kernel, @keel/observability, @keel/persistence and @keel/messaging.
 * The HTTP edge: the Fastify app factory, problem+json errors (`errors/`), JWT
 * auth, guards and decorators (`auth/`), the API document, the Idempotency-Key
 * header, rate limits, DTO helpers and cursor pagination (`pagination/`).
 */
export * from './api-problems.decorator';
export * from './api-deprecated.decorator';
export * from './request-id';
export * from './swagger';
export * from './create-http-app';
export * from './dto/money.dto';
export * from './dto/openapi-formats';
export * from './idempotency';
export * from './rate-limit';
export * from './errors';
export * from './auth';
export * from './pagination';

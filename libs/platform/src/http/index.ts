export * from './api-problems.decorator';
export * from './request-id';
export * from './swagger';
export * from './create-http-app';
export * from './dto/money.dto';
export * from './dto/openapi-formats';
export * from './idempotency';
export * from './rate-limit';

export { KeelClient, type KeelClientOptions, type Schemas, type TokenPair, type Tokens } from './keel-client';
export { KeelApiError, type Problem } from './problem';
export { type RetryOptions } from './resilient-fetch';
export type { components, operations, paths } from './generated/schema';

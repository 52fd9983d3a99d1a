import type { components } from './generated/schema';

/** The RFC 9457 body of every error response (`application/problem+json`). */
export type Problem = components['schemas']['ProblemResponseSchema'];

/**
 * Thrown by the client's operation methods for any non-2xx answer: `status`, the typed
 * problem body (its `type` says what went wrong, `errors` lists bad fields on a 400, and
 * `requestId` is what to quote to the API's operators), and the raw response (headers
 * such as `Retry-After` or `RateLimit-Remaining`).
 */
export class KeelApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly response: Response,
  ) {
    super(problem ? `${status} ${problem.title}: ${problem.detail} (requestId ${problem.requestId})` : `HTTP ${status}`);
    this.name = 'KeelApiError';
  }
}

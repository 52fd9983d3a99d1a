import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from './errors/problem-details';
import { ProblemResponseSchema } from './errors/problem.schema';

export const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid request (see `errors` for each field)',
  401: 'Missing, invalid or expired credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  413: 'Request body larger than HTTP_BODY_LIMIT_BYTES',
  415: 'Unsupported Content-Type (send application/json)',
  422: 'Understood but cannot be processed',
  429: 'Rate limit exceeded; retry after `Retry-After` seconds',
  500: 'Unexpected error (quote the requestId)',
  503: 'Temporarily unavailable',
};

/** Statuses every rate-limited API operation can answer, whatever it does. */
const ALWAYS = [429, 500];

/**
 * Documents problem+json error responses in one line per handler:
 * `@ApiProblems(400, 401, 409)`. 429 (rate limiting) and 500 are always added;
 * the document then gets the RateLimit and Retry-After headers on them (see
 * `addSharedResponses`).
 */
export function ApiProblems(...statuses: Array<number | [number, string]>) {
  const entries = new Map<number, string>();
  for (const s of [...statuses, ...ALWAYS]) {
    const [status, description] = Array.isArray(s) ? s : [s, DEFAULT_DESCRIPTIONS[s] ?? STATUS_CODES[s] ?? 'Error'];
    if (!entries.has(status) || Array.isArray(s)) entries.set(status, description);
  }
  return applyDecorators(
    ApiExtraModels(ProblemResponseSchema),
    ...[...entries]
      .sort(([a], [b]) => a - b)
      .map(([status, description]) =>
        ApiResponse({
          status,
          description,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponseSchema) } } },
        }),
      ),
  );
}

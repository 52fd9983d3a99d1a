import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { ProblemResponseSchema } from './problem.schema';

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid request (see `errors` for each field)',
  401: 'Missing, invalid or expired credentials',
  403: 'Authenticated but not allowed',
  404: 'Not found (or not yours)',
  409: 'Conflicts with the current state',
  422: 'Understood but cannot be processed',
  429: 'Rate limit exceeded',
  500: 'Unexpected error (quote the requestId)',
  503: 'Temporarily unavailable',
};

/**
 * Documents problem+json error responses in one line per handler:
 * `@ApiProblems(400, 401, 409)`. 500 is always added.
 */
export function ApiProblems(...statuses: Array<number | [number, string]>) {
  const entries = new Map<number, string>();
  for (const s of [...statuses, 500]) {
    const [status, description] = Array.isArray(s) ? s : [s, DEFAULT_DESCRIPTIONS[s] ?? STATUS_CODES[s] ?? 'Error'];
    entries.set(status, description);
  }
  return applyDecorators(
    ApiExtraModels(ProblemResponseSchema),
    ...[...entries].map(([status, description]) =>
      ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponseSchema) } } },
      }),
    ),
  );
}

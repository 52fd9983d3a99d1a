import { STATUS_CODES } from 'node:http';
import { PROBLEM_TYPE_BASE, type ProblemDetails } from './problem-details';

/**
 * What a problem of each status typically says, for the document's examples: the
 * `type` slug and `detail` a client really sees for the commonest cause of that status
 * (the error mapping in problem-details.mapping.ts is the source of truth).
 */
const TYPICAL: Record<number, { slug: string; detail: string }> = {
  400: { slug: 'validation-error', detail: 'The request is invalid; see errors for each field.' },
  401: { slug: 'unauthenticated', detail: 'Missing, invalid or expired access token.' },
  403: { slug: 'forbidden', detail: 'You are not allowed to do this.' },
  404: { slug: 'not-found', detail: 'No such resource.' },
  409: { slug: 'conflict', detail: 'The request conflicts with the current state of the resource.' },
  413: { slug: 'payload-too-large', detail: 'The request body is larger than allowed.' },
  415: { slug: 'unsupported-media-type', detail: 'Unsupported Content-Type; send application/json.' },
  422: { slug: 'unprocessable', detail: 'The request is understood but cannot be processed.' },
  429: { slug: 'rate-limited', detail: 'Too many requests; retry after the number of seconds in Retry-After.' },
  500: { slug: 'internal', detail: 'An unexpected error occurred. Quote the requestId when reporting it.' },
  503: { slug: 'unavailable', detail: 'The service is temporarily unavailable; retry later.' },
};

const EXAMPLE_ID = '3f8a2c1e-6b7d-4e9f-a0b1-c2d3e4f5a6b7';
/** Path parameters that are not ids (ids are UUIDs). */
const PATH_PARAMETER_EXAMPLES: Record<string, string> = { provider: 'stripe', key: 'checkout.new-flow' };

/** A realistic problem+json body for `status` answered on `path` (an OpenAPI path template). */
export function problemExample(status: number, path: string): ProblemDetails {
  const typical = TYPICAL[status] ?? { slug: status >= 500 ? 'internal' : 'bad-request', detail: STATUS_CODES[status] ?? 'Error' };
  return {
    type: `${PROBLEM_TYPE_BASE}${typical.slug}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: typical.detail,
    instance: path.replace(/\{([^}]+)\}/g, (_, name: string) => PATH_PARAMETER_EXAMPLES[name] ?? EXAMPLE_ID),
    requestId: '5f0c7a8e-5b0e-4f57-9d9f-1f0d7b0f1a11',
    ...(status === 400 ? { errors: [{ field: 'email', message: 'must be an email' }] } : {}),
  };
}

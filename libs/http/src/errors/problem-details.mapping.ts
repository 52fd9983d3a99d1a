import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, DomainErrorKind, FieldError, ServiceUnavailableError, ValidationError } from '@keel/kernel';
import { isDatabaseUnavailable } from './database-unavailable';
import { PROBLEM_TYPE_BASE } from './problem-details';

/** The single place where the error taxonomy meets HTTP. */
const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const SLUG_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'rate-limited',
  431: 'headers-too-large',
  500: 'internal',
  503: 'unavailable',
};

export interface MappedError {
  status: number;
  type: string;
  title: string;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  /** Response headers the error implies (e.g. `Retry-After` on a 429). */
  headers?: Record<string, string>;
  /** True when the error is ours (a bug or an outage), worth logging with its stack. */
  unexpected: boolean;
}

const title = (status: number) => STATUS_CODES[status] ?? 'Error';
const typeFor = (slug: string) => `${PROBLEM_TYPE_BASE}${slug}`;

function genericFor(status: number): MappedError {
  return {
    status,
    type: typeFor(SLUG_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad-request')),
    title: title(status),
    detail:
      status === 503
        ? 'The service is temporarily unavailable; retry later.'
        : status >= 500
          ? 'An unexpected error occurred. Quote the requestId when reporting it.'
          : title(status),
    unexpected: status >= 500,
  };
}

/** Shape of errors raised by Fastify itself (bad JSON, body too large, wrong content type…). */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const SAFE_FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but Content-Type is application/json.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than allowed.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type; send application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length does not match the body.',
  FST_ERR_BAD_URL: 'The request URL is malformed.',
};

/**
 * `Retry-After` (whole seconds, at least 1) for an error that says when retrying
 * makes sense: a rate limit or lockout (429), a key still in flight (409).
 */
function retryAfterHeader(error: DomainError): Record<string, string> | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds; // RateLimitedError, IdempotencyKeyInFlightError
  return typeof seconds === 'number' && Number.isFinite(seconds) ? { 'retry-after': String(Math.max(1, Math.ceil(seconds))) } : undefined;
}

export function mapError(error: unknown): MappedError {
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return {
      status,
      type: typeFor(error.code),
      title: title(status),
      detail: error.message,
      errors: error instanceof ValidationError && error.errors.length > 0 ? error.errors : undefined,
      extensions: error instanceof ServiceUnavailableError ? error.extensions : undefined,
      headers: retryAfterHeader(error),
      // A dependency being down is reported, not a bug with a stack to log.
      unexpected: status >= 500 && !(error instanceof ServiceUnavailableError),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // A deliberate 503 (readiness while draining, a dependency down) is not a bug to log with a stack.
    if (status >= 500) return { ...genericFor(status), unexpected: status === 500 };
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : title(status);
    return { ...genericFor(status), detail: message };
  }
  const framework = error as FrameworkError | null;
  if (framework && typeof framework.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const status = framework.statusCode;
    // JSON syntax errors carry a parser message that is about the client's input only.
    const detail =
      (framework.code && SAFE_FRAMEWORK_DETAILS[framework.code]) ??
      (error instanceof SyntaxError ? 'The request body is not valid JSON.' : title(status));
    return { ...genericFor(status), detail };
  }
  // The database is down or restarting: a 503 the client may retry (and readiness fails too), not a bug to log with a stack.
  if (isDatabaseUnavailable(error)) return { ...genericFor(HttpStatus.SERVICE_UNAVAILABLE), unexpected: false };
  return genericFor(HttpStatus.INTERNAL_SERVER_ERROR);
}

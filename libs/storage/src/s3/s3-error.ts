import { OutboundCallError } from '@keel/observability';

export const STORAGE_PROVIDER = 'storage';

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The object (or bucket) is not there: HEAD answers a bare 404, GET a NoSuchKey. */
export const isNotFound = (error: unknown): boolean => {
  const e = error as SdkError;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * An SDK failure in the platform's outbound terms, so the policy retries what
 * can succeed later (no answer, 5xx, 429) and never a 4xx.
 */
export function toOutboundError(error: unknown): unknown {
  const e = error as SdkError;
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined) {
    // No answer at all (connection refused, reset, DNS, our per-attempt timeout): worth another try.
    const reason = e?.code ?? e?.name ?? 'Error';
    return new OutboundCallError(`storage unreachable (${reason}): ${e?.message ?? ''}`.trim(), STORAGE_PROVIDER);
  }
  return new OutboundCallError(`storage answered ${status} (${e.name ?? 'Error'})`, STORAGE_PROVIDER, status);
}

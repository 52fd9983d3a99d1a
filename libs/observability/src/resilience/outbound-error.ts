import { TaskCancelledError } from 'cockatiel';

/**
 * What an outbound adapter throws when a provider call fails. `retryable` says
 * whether trying again can help (network failures, 5xx, 429) — never for a
 * 4xx such as a card decline.
 */
export class OutboundCallError extends Error {
  constructor(
    message: string,
    readonly provider: string,
    readonly status?: number,
    readonly retryable: boolean = status === undefined || status >= 500 || status === 429 || status === 408,
    /** From a 429/503 `Retry-After` header. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'OutboundCallError';
  }

  /** Builds one from an HTTP response status and headers. */
  static fromResponse(provider: string, status: number, retryAfterHeader?: string | null): OutboundCallError {
    return new OutboundCallError(`${provider} answered ${status}`, provider, status, undefined, parseRetryAfter(retryAfterHeader));
  }
}

export function parseRetryAfter(header?: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Retry only what can succeed on a second try. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof OutboundCallError) return error.retryable;
  if (error instanceof TaskCancelledError) return true; // our per-attempt timeout
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  if (e?.name === 'TaskCancelledError' || e?.name === 'TimeoutError' || e?.name === 'AbortError') return true;
  return (
    NETWORK_CODES.has(e?.code ?? '') ||
    NETWORK_CODES.has(e?.cause?.code ?? '') ||
    (e?.name === 'TypeError' && String(error).includes('fetch failed'))
  );
}

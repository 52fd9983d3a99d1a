import type { ClsService } from 'nestjs-cls';

/**
 * The request context: one AsyncLocalStorage store per request or queue job
 * (nestjs-cls's), entered once at the edge — a Fastify onRequest hook for HTTP
 * (libs/http/src/request-context.hook.ts), the consumer worker for jobs — and
 * read by logging (the `requestId` of every line), the outbox (the id an event
 * carries), the audit trail and the transaction layer.
 */
export const REQUEST_ID = 'requestId';

/**
 * pino's `mixin`: the current request's id on every line written while serving
 * it. Replaces a child logger per request (pino-http's), which cost an object,
 * a bindings string and an AsyncLocalStorage run of its own for every request.
 */
export function requestIdMixin(cls: ClsService): () => object {
  return () => {
    // The store itself, not get(key): that walks a dotted path on every line.
    const requestId = (cls.get() as Record<string, unknown> | undefined)?.[REQUEST_ID];
    // A new object each time: pino merges the line's own fields into what the mixin returns.
    return requestId === undefined ? {} : { requestId };
  };
}

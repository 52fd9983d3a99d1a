import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/** Probes and scrapes are not traced: thousands of one-span traces that say nothing. */
const UNTRACED = /^\/(health|metrics)/;
const SPAN = 'keelServerSpan';

declare module 'fastify' {
  interface FastifyRequest {
    [SPAN]: Span | null;
  }
}

/**
 * The server span of every request, from Fastify hooks: opened in onRequest (after
 * routing, so it is named after the route template, `GET /api/v1/products/:id`),
 * made the active context for every later hook, guard, handler and the work they
 * start (queries, outbox rows, provider calls carry it on), and ended when the
 * response has been sent.
 *
 * OpenTelemetry's HTTP instrumentation did this for incoming requests before (it
 * still traces outgoing ones). It wrapped the server's `request` event, bound the
 * request and response emitters, and collected a dozen attributes for every
 * request before the sampler had even decided — about 10 % of a cached read's
 * CPU in a trace that was then not sampled. Here an unsampled request costs the
 * header extraction, the sampler's decision (parent-based: a sampled caller is
 * always followed) and one context switch; its span is non-recording but has a
 * valid trace id, which the log lines carry. Attributes are set only on spans
 * that record.
 */
export function traceHttpRequests(fastify: FastifyInstance): void {
  const tracer = trace.getTracer('keel-http');
  fastify.decorateRequest(SPAN, null);
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const url = request.raw.url ?? request.url;
    if (UNTRACED.test(url)) return done();
    const route = request.routeOptions.url;
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(route ? `${request.method} ${route}` : request.method, { kind: SpanKind.SERVER }, parent);
    if (span.isRecording()) {
      span.setAttributes({
        'http.request.method': request.method,
        ...(route ? { 'http.route': route } : {}),
        'url.scheme': request.protocol,
        'network.protocol.version': request.raw.httpVersion,
        'client.address': request.ip,
        'user_agent.original': request.headers['user-agent'] ?? '',
      });
    }
    request[SPAN] = span;
    context.with(trace.setSpan(parent, span), done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    endSpan(request, reply.statusCode);
    done();
  });
  // A client that hangs up before the answer still ends its span (onResponse never runs then).
  fastify.addHook('onRequestAbort', (request: FastifyRequest, done: HookHandlerDoneFunction) => {
    endSpan(request, undefined);
    done();
  });
}

function endSpan(request: FastifyRequest, statusCode: number | undefined): void {
  const span = request[SPAN];
  if (!span) return;
  request[SPAN] = null;
  if (span.isRecording()) {
    if (statusCode === undefined) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'request aborted by the client' });
    } else {
      span.setAttribute('http.response.status_code', statusCode);
      // Server spans: a 4xx is the caller's error, not this service's (OTel HTTP semantic conventions).
      if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
  }
  span.end();
}

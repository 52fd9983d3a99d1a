import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Environment } from '@keel/kernel';

/** One year, with subdomains: the usual preload-grade HSTS policy. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Browser-facing hardening for every response:
 *
 * - helmet's headers (nosniff, frame denial, referrer policy, COOP/CORP…) with a
 *   Content-Security-Policy that still lets Swagger UI at /docs and the queue
 *   dashboard work: their scripts are files served by us (`script-src 'self'`),
 *   but both set inline styles and use data: images, hence `'unsafe-inline'`
 *   for styles only. `upgrade-insecure-requests` is left out so /docs keeps
 *   working over plain HTTP in development.
 * - HSTS only when the request really came over TLS: native HTTPS, or
 *   `X-Forwarded-Proto: https` from a proxy in TRUSTED_PROXIES. Sent over
 *   plain HTTP it would be ignored by browsers, or, worse, pin a host that has no TLS.
 * - CORS for the origins in CORS_ORIGINS only; with none configured, no CORS
 *   headers are sent and browsers keep cross-origin pages out.
 *
 * helmet decides the headers, once, at boot: its answer does not depend on the
 * request, so it is captured from one dry run and every response then gets the
 * same list of pairs in one synchronous hook. (@fastify/helmet rebuilt the
 * middleware, parsing every CSP directive, on every request — ~4 % of the API's
 * CPU on a cached product read; helmet's own middleware, built once, still cost
 * ~2 % walking its eleven sub-middlewares per request.)
 */
export function applySecurityHeaders(app: NestFastifyApplication, env: Environment): void {
  const fastify = app.getHttpAdapter().getInstance();
  const setHelmetHeaders = helmet({
    hsts: false,
    // The same answer as the CSP's frame-ancestors 'none', for browsers that only know the older header.
    frameguard: { action: 'deny' },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const headers = helmetHeaders(setHelmetHeaders);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const response = reply.raw;
    for (let i = 0; i < headers.length; i++) response.setHeader(headers[i][0], headers[i][1]);
    // request.protocol honours X-Forwarded-Proto only from trusted proxies (Fastify's trustProxy).
    if (request.protocol === 'https') response.setHeader('strict-transport-security', HSTS);
    done();
  });
  if (env.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: env.CORS_ORIGINS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-none-match', 'x-request-id', 'traceparent'],
      exposedHeaders: [
        'x-request-id',
        'etag',
        'idempotent-replayed',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ],
      // Bearer tokens travel in a header, never in cookies: no credentialed CORS needed.
      credentials: false,
      maxAge: 600,
    });
  }
}

type HelmetMiddleware = ReturnType<typeof helmet>;

/**
 * The headers `middleware` sets, captured from one run against a recording
 * response. Fails at boot if helmet ever becomes request-dependent (it reads
 * nothing from the request, and calls back synchronously, in the version we pin).
 */
export function helmetHeaders(middleware: HelmetMiddleware): Array<[string, string]> {
  const headers = new Map<string, string>();
  let done = false;
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  middleware({} as never, response as never, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be precomputed');
  return [...headers];
}

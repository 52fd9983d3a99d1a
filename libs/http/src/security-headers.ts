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
 * helmet itself, not @fastify/helmet: the plugin builds a new helmet middleware
 * (parsing every CSP directive) on every request — ~4% of the API's CPU on a
 * cached product read. Built once here, it only sets precomputed headers.
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
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    setHelmetHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // request.protocol honours X-Forwarded-Proto only from trusted proxies (Fastify's trustProxy).
    if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
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

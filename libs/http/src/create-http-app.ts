import { Type, ValidationPipe, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { readFileSync } from 'node:fs';
import { ClsService } from 'nestjs-cls';
import { Environment, LifecycleState, ROOT_LOGGER, type RootLogger } from '@keel/kernel';
import { ProblemDetailsFilter, validationExceptionFactory } from './errors';
import { requestIdFor } from './request-id';
import { enterRequestContext } from './request-context.hook';
import { logAccess } from './access-log.hook';
import { setupSwagger } from './swagger';
import { useHardenedJsonParser } from './json-body-parser';
import { frameworkErrorHandler, problemClientErrorHandler } from './boundary-errors';
import { rejectNulInUrl } from './unstorable-text';
import { instrumentHttp, traceHttpRequests } from '@keel/observability';
import { applySecurityHeaders } from './security-headers';
import { registerRateLimits } from './rate-limit/register-rate-limits';
import { dropInertEnhancers } from './drop-inert-enhancers';

export interface HttpAppOptions {
  env: Environment;
  /** Serve Swagger at /docs (API yes, worker no). */
  docs?: { title: string; version: string; description: string };
  /** Routes outside /api/v1 (health, metrics). */
  unversionedPaths?: string[];
}

/**
 * Builds a Nest application on Fastify with every cross-cutting HTTP concern
 * applied once: request ids, /api/v1 versioning, validation, problem+json for
 * every failure (including Fastify's own: bad JSON, body too large, unknown
 * route), Connection: close while draining, and Swagger.
 */
export async function createHttpApp(rootModule: Type<unknown>, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const { env } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: env.HTTP_BODY_LIMIT_BYTES,
    // Boundary limits (see json-body-parser.ts): all request headers together (431 beyond), and
    // __proto__ / constructor.prototype keys refused rather than stripped.
    http: { maxHeaderSize: env.HTTP_MAX_HEADER_BYTES },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A path parameter can be as long as the header limit allows, so an overlong id is a 400 from its
    // validation (never Fastify's 414); requests refused before routing still answer problem+json.
    routerOptions: { maxParamLength: env.HTTP_MAX_HEADER_BYTES },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: problemClientErrorHandler,
    genReqId: requestIdFor,
    // X-Forwarded-For/-Proto are believed only from the proxies listed in TRUSTED_PROXIES; by default never.
    trustProxy: env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES : false,
    // Native HTTPS for environments without a TLS-terminating proxy.
    ...(env.TLS_CERT_FILE && env.TLS_KEY_FILE
      ? {
          // The `http` options above do not reach an https server: the header limit is repeated here.
          https: { cert: readFileSync(env.TLS_CERT_FILE), key: readFileSync(env.TLS_KEY_FILE), maxHeaderSize: env.HTTP_MAX_HEADER_BYTES },
        }
      : {}),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    // No Nest middleware runs in Keel: cross-cutting request work is Fastify hooks (request context,
    // access log, metrics, security headers, rate limits), so @fastify/middie's Express-style layer
    // is not registered at all. A module that configures a Nest middleware fails at boot, loudly.
    skipMiddie: true,
  });
  // bodyParser: false — Nest would otherwise add its own JSON and urlencoded parsers at init; the API
  // takes JSON only, through the hardened parser below (useHardenedJsonParser), and answers 415 otherwise.
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Before init builds the routes: a public read then runs no interceptor at all (Nest skips the chain).
  dropInertEnhancers(app);

  const lifecycle = app.get(LifecycleState);
  const fastify = app.getHttpAdapter().getInstance();
  // The trace and request contexts first: every hook after them, and the access log, run inside both.
  traceHttpRequests(fastify);
  enterRequestContext(fastify, app.get(ClsService));
  logAccess(fastify, app.get<RootLogger>(ROOT_LOGGER));
  instrumentHttp(fastify);
  // JSON only: anything else is a clear 415 instead of a confusing validation error.
  fastify.removeContentTypeParser(['text/plain']);
  useHardenedJsonParser(fastify, { maxDepth: env.HTTP_JSON_MAX_DEPTH });
  fastify.addHook('onRequest', rejectNulInUrl);
  fastify.addHook(
    'onSend',
    (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      // While draining, ask keep-alive clients to reconnect (to another instance).
      if (lifecycle.isShuttingDown) void reply.header('connection', 'close');
      done(null, payload);
    },
  );
  applySecurityHeaders(app, env);
  // Before any route is added (Swagger here, controllers at init, the queue dashboard later) so every route is limited.
  await registerRateLimits(app, env);
  // Fastify's own errors (bad JSON, body too large, unknown route) reach Nest's
  // error and not-found hooks, and so the same global ProblemDetailsFilter.
  app.setGlobalPrefix('api', { exclude: options.unversionedPaths ?? [] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: validationExceptionFactory,
    }),
  );
  // DOCS_ENABLED=false: no route at all, so /docs and /docs-json answer the same 404 as any unknown path.
  if (options.docs && env.DOCS_ENABLED) setupSwagger(app, { ...options.docs, publicBaseUrl: env.PUBLIC_BASE_URL });
  return app;
}

import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AccessTokenService } from '../auth/access-token.service';
import { authenticateRequest } from '../auth/request-authentication';
import { type Environment, RateLimitedError } from '@keel/kernel';
import { AUTH_RATE_LIMIT_CONFIG, type AuthRateLimitOptions } from './auth-rate-limit.decorator';
import { BatchedRedisStore } from './batched-redis.store';
import { rateLimitKeyPrefixFor } from './rate-limit-key-prefix';
import { rateLimitedRequests } from './rate-limit.metrics';

/** Probes must answer whatever the traffic, or an orchestrator would restart a healthy but busy instance. */
const isExempt = (request: FastifyRequest) => (request.routeOptions.url ?? '').startsWith('/health/');

const LIMIT = 'ratelimit-limit';
const REMAINING = 'ratelimit-remaining';
const RESET = 'ratelimit-reset';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

type LimitOutcome = { max: number; remaining: number; ttlInSeconds: number; isExceeded: boolean };

/**
 * Rate limits for every route of the HTTP app, with @fastify/rate-limit
 * (IETF draft `RateLimit-Limit/Remaining/Reset` headers on every response,
 * `Retry-After` and a 429 problem when exceeded):
 *
 * - a global limit per client: the user id when the request carries a valid
 *   access token, otherwise the client IP (which is the socket peer unless
 *   TRUSTED_PROXIES vouches for X-Forwarded-For);
 * - on routes marked `@AuthRateLimit`, a stricter limit per IP and, where the
 *   route names an account field, one per account (the hashed email or refresh
 *   token), checked once the body is parsed.
 *
 * With REDIS_URL the counters live in Redis under one prefix per deployment,
 * so all instances share them, counted locally between batched updates while
 * a client is far from its limit (BatchedRedisStore); without it they are in
 * process (embedded mode, a single instance). If Redis is unreachable the limits fail open (requests
 * are served and a warning is logged): an outage of an optional dependency
 * must not take the API down, and the login lockout, kept in PostgreSQL,
 * still guards each account.
 */
export async function registerRateLimits(app: NestFastifyApplication, env: Environment): Promise<void> {
  if (!env.RATE_LIMIT_ENABLED) return;
  const logger = new Logger('RateLimit');
  const fastify = app.getHttpAdapter().getInstance();
  const tokens = app.get(AccessTokenService);
  const redis = env.REDIS_URL ? await connectRedis(env.REDIS_URL, logger) : undefined;
  if (redis) fastify.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
  // Shared counters without a Redis round trip per request (batched-redis.store.ts).
  const store = redis ? BatchedRedisStore.for(redis, rateLimitKeyPrefixFor(env.DATABASE_URL)) : undefined;

  await fastify.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: env.RATE_LIMIT_MAX,
    timeWindow: env.RATE_LIMIT_WINDOW_MS,
    enableDraftSpec: true,
    store,
    cache: 10_000,
    skipOnError: true,
    allowList: (request) => isExempt(request),
    keyGenerator: async (request) => {
      const user = await authenticatedUserId(request, tokens);
      return user ? `user:${user}` : `ip:${normalizeIP(request.ip)}`;
    },
    errorResponseBuilder: (_request, context) => {
      rateLimitedRequests.inc({ limit: 'global' });
      return new RateLimitedError(`Too many requests; retry in ${context.after}.`, Math.ceil(context.ttl / 1000));
    },
  });

  const window = env.AUTH_RATE_LIMIT_WINDOW_MS;
  const perIp = fastify.createRateLimit({
    max: env.AUTH_RATE_LIMIT_MAX_PER_IP,
    timeWindow: window,
    keyGenerator: (request) => `auth-ip:${normalizeIP(request.ip)}`,
  });
  const perAccount = fastify.createRateLimit({
    max: env.AUTH_RATE_LIMIT_MAX_PER_ACCOUNT,
    timeWindow: window,
    keyGenerator: (request) => `auth-account:${accountKeyOf(request)}`,
  });

  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const options = authRateLimitOf(request);
    if (!options) return;
    const checks = [perIp(request).then((o) => ({ ...o, limit: 'auth_ip' }))];
    if (accountOf(request, options)) checks.push(perAccount(request).then((o) => ({ ...o, limit: 'auth_account' })));
    const outcomes = (await Promise.all(checks)).filter((o): o is typeof o & LimitOutcome => !o.isAllowed && o.max !== undefined);
    const exceeded = outcomes.find((o) => o.isExceeded);
    if (exceeded) {
      rateLimitedRequests.inc({ limit: exceeded.limit });
      setHeaders(reply, { ...exceeded, remaining: 0 });
      throw new RateLimitedError(`Too many attempts; retry in ${exceeded.ttlInSeconds} seconds.`, Math.max(1, exceeded.ttlInSeconds));
    }
    // Report the tightest of the limits that apply, so clients slow down before the first 429.
    const tightest = outcomes.reduce<LimitOutcome | undefined>((a, b) => (!a || b.remaining < a.remaining ? b : a), undefined);
    const current = Number(reply.getHeader(REMAINING));
    if (tightest && (!Number.isFinite(current) || tightest.remaining < current)) setHeaders(reply, tightest);
  });

  logger.log(
    `Rate limits: ${env.RATE_LIMIT_MAX}/${env.RATE_LIMIT_WINDOW_MS} ms per client, auth ${env.AUTH_RATE_LIMIT_MAX_PER_IP} per IP and ` +
      `${env.AUTH_RATE_LIMIT_MAX_PER_ACCOUNT} per account per ${window} ms, counters ${redis ? 'in Redis (shared)' : 'in process'}`,
  );

  /** The account a credential request is about: the named body field, trimmed and case-folded, or undefined. */
  function accountOf(request: FastifyRequest, options: AuthRateLimitOptions): string | undefined {
    if (!options.accountField) return undefined;
    const value = (request.body as Record<string, unknown> | null | undefined)?.[options.accountField];
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    return `${options.accountField}:${value.trim().toLowerCase()}`;
  }

  function accountKeyOf(request: FastifyRequest): string {
    const options = authRateLimitOf(request) ?? { accountField: '' };
    // Hashed: the counter key must not carry an email address or a live refresh token into Redis.
    return sha256(accountOf(request, options) ?? '');
  }
}

function authRateLimitOf(request: FastifyRequest): AuthRateLimitOptions | undefined {
  const config = request.routeOptions.config as unknown as Record<string, AuthRateLimitOptions | undefined> | undefined;
  return config?.[AUTH_RATE_LIMIT_CONFIG];
}

function setHeaders(reply: FastifyReply, outcome: LimitOutcome): void {
  void reply.header(LIMIT, outcome.max).header(REMAINING, outcome.remaining).header(RESET, outcome.ttlInSeconds);
}

/** The user id of a valid bearer token, or undefined (anonymous, or an invalid token: limited by IP). */
async function authenticatedUserId(request: FastifyRequest, tokens: AccessTokenService): Promise<string | undefined> {
  try {
    return (await authenticateRequest(request, tokens))?.id;
  } catch {
    return undefined;
  }
}

async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail fast while disconnected: a request must not wait on a rate-limit counter.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    disconnectTimeout: 200,
    connectionName: 'keel-ratelimit',
  });
  // Counters are not traced: a Redis span under every request is noise in each trace, and
  // it cost ~7% of the API's CPU on a cached read. Run outside any span; the ioredis
  // instrumentation only traces commands that have a parent (requireParentSpan, tracing/register.ts).
  const sendCommand = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) =>
    context.with(ROOT_CONTEXT, () => sendCommand(...args))) as Redis['sendCommand'];
  let lastWarning = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - lastWarning < 30_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error }, 'Rate-limit Redis unavailable; limits are not enforced until it is back');
  });
  await redis.connect().catch(() => undefined); // reported by the error listener; the client keeps reconnecting
  return redis;
}

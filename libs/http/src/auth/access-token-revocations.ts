import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig, countBoundedLru } from '@keel/kernel';
import { Counter } from 'prom-client';
import { metricsRegistry } from '@keel/observability';

/**
 * How long an instance trusts what it last heard about a session. Below a
 * second so that a logout on one instance is honoured by every other within
 * one second (API contract), while an authenticated client costs each instance
 * at most two Redis reads a second per session, not one per request.
 */
export const REVOCATION_RECHECK_MS = 500;

const revocationLookupFailures = new Counter({
  name: 'keel_access_token_revocation_lookup_failures_total',
  help: 'Session revocation lookups that Redis could not answer (the token was accepted on what the instance last knew)',
  registers: [metricsRegistry],
});

/** The Redis key prefix of one deployment's revoked sessions (derived like the rate limits' from the database it serves). */
export function revocationKeyPrefixFor(databaseUrl: string): string {
  let target = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    target = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    // not a URL: hash it as it is
  }
  return `keel:revoked-session:${createHash('sha256').update(target).digest('hex').slice(0, 16)}:`;
}

interface Known {
  revoked: boolean;
  checkedAtMs: number;
}

/**
 * Sessions whose access tokens must stop working before they expire (logout,
 * password change or reset, refresh-token theft). Every access token names its
 * session (`sid`, the refresh-token family); ending a session writes
 * `revoked-session:<sid>` to Redis with a TTL of one access-token lifetime, after
 * which no token of it could verify anyway.
 *
 * Verification consults it beside the verified-token cache: each instance keeps
 * what it learnt per session for REVOCATION_RECHECK_MS, so there is no database
 * read and at most one Redis read per session and half-second. The instance that
 * ends a session knows at once. Without REDIS_URL (embedded mode, one instance)
 * the record lives in this process only.
 *
 * If Redis cannot answer, the token is judged on what this instance last knew
 * (fail open, counted in keel_access_token_revocation_lookup_failures_total and
 * logged): Redis is optional for serving, and failing closed would log every
 * user out during a Redis outage. A revocation Redis could not take is refused
 * by this instance at once and written again as soon as Redis is back. Refresh
 * tokens are revoked in PostgreSQL, so an ended session cannot be extended.
 */
@Injectable()
export class AccessTokenRevocations implements OnModuleDestroy {
  private readonly logger = new Logger(AccessTokenRevocations.name);
  private readonly known = countBoundedLru<string, Known>(100_000);
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Revocations Redis did not take (outage), by session, with when they stop mattering: written again once it is back. */
  private readonly unshared = new Map<string, number>();
  private readonly redisUrl?: string;
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;
  private redis?: Redis;
  private connecting?: Promise<void>;
  private lastWarningMs = 0;

  constructor(@Optional() config?: AppConfig) {
    this.redisUrl = config?.get('REDIS_URL', { infer: true }) || undefined;
    this.keyPrefix = revocationKeyPrefixFor(config?.get('DATABASE_URL', { infer: true }) ?? 'in-process');
    this.ttlSeconds = config?.get('JWT_ACCESS_TTL_SECONDS', { infer: true }) ?? 900;
  }

  /** Ends the access tokens of these sessions on every instance (within REVOCATION_RECHECK_MS). */
  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const now = Date.now();
    for (const id of sessionIds) this.known.set(id, { revoked: true, checkedAtMs: now }, { ttl: this.ttlSeconds * 1000 });
    const redis = await this.client();
    if (!redis) return;
    const until = now + this.ttlSeconds * 1000;
    try {
      await this.share(
        redis,
        sessionIds.map((id) => [id, until]),
      );
    } catch (error) {
      // This instance refuses these tokens already; the others learn it when Redis is back (flushUnshared).
      for (const id of sessionIds) this.unshared.set(id, until);
      this.logger.error(
        { err: error, sessions: sessionIds.length },
        'Could not share a session revocation (Redis); retrying when it is back',
      );
    }
  }

  private async share(redis: Redis, revocations: Array<[string, number]>): Promise<void> {
    const pipeline = redis.pipeline();
    for (const [id, until] of revocations) pipeline.set(this.keyPrefix + id, '1', 'PX', Math.max(1, until - Date.now()));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  private async flushUnshared(redis: Redis): Promise<void> {
    const now = Date.now();
    const pending = [...this.unshared].filter(([, until]) => until > now);
    this.unshared.clear();
    if (pending.length === 0) return;
    try {
      await this.share(redis, pending);
      this.logger.log({ sessions: pending.length }, 'Session revocations made during the Redis outage are shared now');
    } catch (error) {
      for (const [id, until] of pending) this.unshared.set(id, until);
      this.logger.warn({ err: error }, 'Could not share session revocations yet (Redis)');
    }
  }

  /** Whether the session was ended; answers from memory when this instance checked less than REVOCATION_RECHECK_MS ago. */
  async isRevoked(sessionId: string): Promise<boolean> {
    const known = this.known.get(sessionId);
    if (known && (known.revoked || Date.now() - known.checkedAtMs < REVOCATION_RECHECK_MS)) return known.revoked;
    if (!this.redisUrl) return known?.revoked ?? false;
    // Concurrent requests of one session share one lookup.
    let pending = this.inFlight.get(sessionId);
    if (!pending) {
      pending = this.lookUp(sessionId, known).finally(() => this.inFlight.delete(sessionId));
      this.inFlight.set(sessionId, pending);
    }
    return pending;
  }

  async onModuleDestroy(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }

  private async lookUp(sessionId: string, previous: Known | undefined): Promise<boolean> {
    try {
      const redis = await this.client();
      if (!redis) return previous?.revoked ?? false;
      const revoked = (await redis.exists(this.keyPrefix + sessionId)) === 1;
      this.known.set(sessionId, { revoked, checkedAtMs: Date.now() }, revoked ? { ttl: this.ttlSeconds * 1000 } : undefined);
      return revoked;
    } catch (error) {
      revocationLookupFailures.inc();
      if (Date.now() - this.lastWarningMs > 30_000) {
        this.lastWarningMs = Date.now();
        this.logger.warn({ err: error }, 'Session revocations unavailable (Redis); access tokens are judged on what this instance knows');
      }
      return previous?.revoked ?? false;
    }
  }

  /** Connected on first use: processes that never verify or revoke a token (the worker) open no connection. */
  private async client(): Promise<Redis | undefined> {
    if (!this.redisUrl) return undefined;
    if (!this.redis) {
      const redis = new Redis(this.redisUrl, {
        lazyConnect: true,
        // Fail fast while disconnected: a request must not wait on a revocation lookup.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 300,
        disconnectTimeout: 200,
        connectionName: 'keel-session-revocations',
      });
      // Not traced, like the rate-limit counters: a span under every authenticated request is noise.
      const sendCommand = redis.sendCommand.bind(redis);
      redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) =>
        context.with(ROOT_CONTEXT, () => sendCommand(...args))) as Redis['sendCommand'];
      redis.on('error', (error: Error) => this.logger.debug({ err: error }, 'Redis connection error (session revocations)'));
      redis.on('ready', () => void this.flushUnshared(redis));
      this.redis = redis;
      this.connecting = redis.connect().catch(() => undefined);
    }
    await this.connecting;
    return this.redis;
  }
}

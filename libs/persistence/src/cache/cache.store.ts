import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { runOnPrimary } from '../database/read-target.context';

export interface CacheStoreOptions {
  /** Redis for the shared level; without it the cache is in-process only (one instance, development). */
  redis?: { url: string };
  /** Prepended to every Redis key and to the invalidation channel. */
  keyPrefix: string;
  /** Upper bound of the in-process level, in characters of serialised JSON (default 32 MiB worth). */
  localMaxChars?: number;
  /**
   * With Redis, local entries live at most this long (default 30 s) even when
   * an invalidation message is lost: a safety net, not the mechanism.
   */
  localTtlCapSeconds?: number;
  /**
   * How often the invalidation sequence in Redis is compared with the last
   * message received (default 1 s). A message lost without the connection
   * dropping (e.g. during a Redis failover) empties the local level within two periods.
   */
  auditEveryMs?: number;
}

/** Counters since start. Cheap to read; meant to be exported as metrics (hit ratio per level). */
export interface CacheStats {
  localHits: number;
  remoteHits: number;
  misses: number;
  sets: number;
  invalidations: number;
  /** Redis operations that failed and were treated as misses or skipped. */
  errors: number;
}

/**
 * Compare-and-set: store the value only if nobody invalidated the key since the
 * caller read its generation. A reader that loaded data from before a write can
 * therefore never put it back after the writer's invalidation.
 */
const SET_IF_GENERATION = `
local current = redis.call('GET', KEYS[2]) or '0'
if current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/**
 * Invalidates a key: new generation, value gone, and a numbered broadcast. The
 * sequence number lets every instance notice a message it never received.
 */
const INVALIDATE = `
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
local seq = redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[2], seq .. ':' .. ARGV[3])
return seq`;

/** Generation counters only need to outlive an in-flight load; an hour is plenty. */
const GENERATION_TTL_MS = 3_600_000;
const CLEAR_ALL = '*';

/**
 * A two-level cache: an in-process LRU in front of Redis.
 *
 * - `get`/`wrap` look in the LRU, then Redis, then (wrap) load from the source.
 * - `delete` removes the key from Redis, bumps its generation and broadcasts
 *   the key on a pub/sub channel, so every instance evicts its LRU copy.
 *   Broadcasts are numbered: an instance that notices a gap (in the messages,
 *   or against the sequence in Redis, checked every second) empties its LRU.
 * - Fills are guarded: a value loaded before an invalidation is never stored
 *   after it (per-key generation in Redis, an epoch in process).
 * - While the invalidation subscription is down, the LRU level is bypassed and
 *   cleared when it comes back, so a missed message cannot serve stale data.
 * - Redis failures degrade to misses (the source of truth answers); they are
 *   logged and counted, never surfaced to callers.
 *
 * Values are JSON: store plain data only. Each read returns a fresh copy.
 */
export class CacheStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CacheStore.name);
  private readonly local: LRUCache<string, string>;
  private readonly keyPrefix: string;
  private readonly channel: string;
  private readonly localTtlCapMs: number | undefined;
  private redis: Redis | undefined;
  private subscriber: Redis | undefined;
  private subscribed = false;
  /** Sequence number of the last invalidation heard (or accounted for); undefined until subscribed. */
  private lastSeq: number | undefined;
  /** A sequence seen in Redis but not heard yet at the previous audit. */
  private suspectSeq: number | undefined;
  private auditTimer: NodeJS.Timeout | undefined;
  /** Bumped on every local eviction: a fill that started before it does not reach the LRU. */
  private epoch = 0;
  private readonly counters: CacheStats = { localHits: 0, remoteHits: 0, misses: 0, sets: 0, invalidations: 0, errors: 0 };
  private lastErrorLogAt = 0;

  constructor(private readonly options: CacheStoreOptions) {
    this.keyPrefix = options.keyPrefix;
    this.channel = `${options.keyPrefix}invalidate`;
    this.localTtlCapMs = options.redis ? (options.localTtlCapSeconds ?? 30) * 1000 : undefined;
    this.local = new LRUCache<string, string>({
      maxSize: options.localMaxChars ?? 32 * 1024 * 1024,
      sizeCalculation: (value) => Math.max(1, value.length),
      ttlAutopurge: false,
    });
  }

  /** True when a shared Redis level is configured. */
  get distributed(): boolean {
    return this.options.redis !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.options.redis) return;
    const common = {
      lazyConnect: true,
      // Fail fast while disconnected: a cache miss is better than a request stuck on Redis.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      // ioredis waits this long for a dead socket to close on disconnect; keep shutdown quick.
      disconnectTimeout: 200,
      connectionName: 'keel-cache',
    };
    this.redis = new Redis(this.options.redis.url, common);
    this.subscriber = new Redis(this.options.redis.url, { ...common, connectionName: 'keel-cache-invalidation' });
    this.redis.on('error', (error: Error) => this.reportError('connection', error));
    this.subscriber.on('error', (error: Error) => this.reportError('subscription', error));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onInvalidation(message);
    });
    // Messages may have been missed while disconnected: forget everything local until subscribed again.
    this.subscriber.on('close', () => {
      this.subscribed = false;
      this.lastSeq = undefined;
      this.evictLocal(CLEAR_ALL);
    });
    this.subscriber.on('ready', () => {
      this.subscriber?.subscribe(this.channel).then(
        () => {
          this.evictLocal(CLEAR_ALL);
          this.subscribed = true;
          // Everything before now is accounted for by the clear; count from the current sequence.
          void this.readSequence().then((seq) => {
            if (seq !== undefined && (this.lastSeq === undefined || seq > this.lastSeq)) this.lastSeq = seq;
          });
        },
        (error: Error) => this.reportError('subscribe', error),
      );
    });
    this.auditTimer = setInterval(() => void this.auditSequence(), this.options.auditEveryMs ?? 1000);
    this.auditTimer.unref();
    // Boot does not depend on the cache: a Redis outage only costs hit ratio.
    await Promise.all([this.redis.connect(), this.subscriber.connect()]).catch((error: Error) => this.reportError('connect', error));
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.auditTimer);
    await Promise.all(
      [this.redis, this.subscriber].map(async (client) => {
        if (!client) return;
        // QUIT lets pending replies arrive; a client that is not connected just stops reconnecting.
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }),
    );
  }

  stats(): CacheStats {
    return { ...this.counters };
  }

  async get<T>(key: string): Promise<T | undefined> {
    const found = await this.lookup<T>(key);
    return found.hit ? found.value : undefined;
  }

  /** Local level, then Redis (refilling the local level); counts hits and misses. */
  private async lookup<T>(
    key: string,
  ): Promise<
    { hit: true; value: T } | { hit: false; epoch: number; generation: Awaited<ReturnType<CacheStore['readRemote']>>['generation'] }
  > {
    const localValue = this.readLocal(key);
    if (localValue !== undefined) {
      this.counters.localHits++;
      return { hit: true, value: JSON.parse(localValue) as T };
    }
    const epoch = this.epoch;
    const remote = await this.readRemote(key);
    if (remote.value !== undefined) {
      this.counters.remoteHits++;
      this.writeLocal(key, remote.value, remote.ttlMs, epoch);
      return { hit: true, value: JSON.parse(remote.value) as T };
    }
    this.counters.misses++;
    // The epoch and generation seen before the miss let a caller refuse to cache a load that overlapped an invalidation.
    return { hit: false, epoch, generation: remote.generation };
  }

  /** Unconditional write, for a value the caller knows is current. */
  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const serialised = JSON.stringify(value);
    const ttlMs = ttlSeconds * 1000;
    this.counters.sets++;
    this.writeLocal(key, serialised, ttlMs, this.epoch);
    const redis = this.readyRedis('set');
    if (!redis) return;
    try {
      await redis.set(this.redisKey(key), serialised, 'PX', ttlMs);
    } catch (error) {
      this.reportError('set', error);
    }
  }

  /**
   * Returns the cached value, or loads it, caches it for `ttlSeconds` and
   * returns it. `null`/`undefined` from the loader are returned but not cached.
   * A load that overlaps an invalidation of the key is returned but not cached.
   */
  async wrap<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const found = await this.lookup<T>(key);
    if (found.hit) return found.value;
    const { epoch, generation } = found;
    // Shared entries are filled from the primary: a value loaded from a lagging
    // replica would outlive the invalidation that was meant to remove it.
    const value = await runOnPrimary(load);
    if (value === null || value === undefined) return value;
    const serialised = JSON.stringify(value);
    const ttlMs = ttlSeconds * 1000;
    if (await this.writeRemoteIfUnchanged(key, serialised, ttlMs, generation)) {
      this.counters.sets++;
      this.writeLocal(key, serialised, ttlMs, epoch);
    }
    return value;
  }

  /**
   * Invalidates a key everywhere: this instance's LRU at once, Redis, and every
   * other instance's LRU through the invalidation channel. Call it after the
   * change committed.
   */
  async delete(key: string): Promise<void> {
    this.counters.invalidations++;
    this.evictLocal(key);
    if (!this.redis) return;
    try {
      const redis = this.redis;
      // Disconnected: fail now (a command would only wait for its timeout).
      if (redis.status !== 'ready') throw new Error(`Redis connection is ${redis.status}`);
      await redis.eval(
        INVALIDATE,
        3,
        this.generationKey(key),
        this.redisKey(key),
        this.sequenceKey(),
        GENERATION_TTL_MS,
        this.channel,
        key,
      );
    } catch (error) {
      // The change is committed; the Redis copy now lives until its TTL. Loud, because it is visible.
      this.counters.errors++;
      this.logger.error({ err: error, key }, 'Cache invalidation failed; the entry expires with its TTL');
    }
  }

  /** `<seq>:<key>`; a gap in the sequence means a message was lost, so nothing local can be trusted. */
  private onInvalidation(message: string): void {
    const separator = message.indexOf(':');
    const seq = Number(message.slice(0, separator));
    if (separator < 0 || !Number.isSafeInteger(seq)) {
      this.evictLocal(message); // an unnumbered message: just the key
      return;
    }
    if (this.lastSeq !== undefined && seq > this.lastSeq + 1) this.evictLocal(CLEAR_ALL);
    else this.evictLocal(message.slice(separator + 1));
    if (this.lastSeq === undefined || seq > this.lastSeq) this.lastSeq = seq;
  }

  /**
   * Compares the sequence in Redis with the last message heard. A number not
   * heard by the next audit was lost (a message in flight arrives well within
   * one period): the local level is emptied.
   */
  private async auditSequence(): Promise<void> {
    if (!this.subscribed || this.lastSeq === undefined) return;
    const suspect = this.suspectSeq;
    if (suspect !== undefined && this.lastSeq < suspect) {
      this.logger.warn({ heard: this.lastSeq, published: suspect }, 'Cache invalidations were lost; local cache emptied');
      this.evictLocal(CLEAR_ALL);
      this.lastSeq = suspect;
    }
    const current = await this.readSequence();
    this.suspectSeq = current !== undefined && current > this.lastSeq ? current : undefined;
  }

  private async readSequence(): Promise<number | undefined> {
    const redis = this.redis;
    if (!redis || redis.status !== 'ready') return undefined;
    try {
      const value = await redis.get(this.sequenceKey());
      return value === null ? 0 : Number(value);
    } catch (error) {
      this.reportError('get', error);
      return undefined;
    }
  }

  private sequenceKey(): string {
    return `${this.keyPrefix}invalidation-seq`;
  }

  private readLocal(key: string): string | undefined {
    // Without a live invalidation subscription, local copies could be stale: skip that level.
    if (this.redis && !this.subscribed) return undefined;
    return this.local.get(key);
  }

  private writeLocal(key: string, value: string, ttlMs: number, epochAtStart: number): void {
    if (this.epoch !== epochAtStart) return; // something was invalidated while we loaded
    if (this.redis && !this.subscribed) return;
    const ttl = this.localTtlCapMs === undefined ? ttlMs : Math.min(ttlMs, this.localTtlCapMs);
    if (ttl > 0) this.local.set(key, value, { ttl });
  }

  private evictLocal(key: string): void {
    this.epoch++;
    if (key === CLEAR_ALL) this.local.clear();
    else this.local.delete(key);
  }

  private async readRemote(key: string): Promise<{ value?: string; generation: string; ttlMs: number }> {
    if (!this.redis) return { generation: '0', ttlMs: 0 };
    const redis = this.readyRedis('get');
    // Unknown generation: never fill after a failed read.
    if (!redis) return { generation: 'unknown', ttlMs: 0 };
    try {
      const redisKey = this.redisKey(key);
      const result = await redis.multi().get(redisKey).get(this.generationKey(key)).pttl(redisKey).exec();
      const [value, generation, ttl] = (result ?? []).map(([error, reply]) => {
        if (error) throw error;
        return reply;
      }) as [string | null, string | null, number];
      return { value: value ?? undefined, generation: generation ?? '0', ttlMs: Math.max(0, ttl) };
    } catch (error) {
      this.reportError('get', error);
      return { generation: 'unknown', ttlMs: 0 };
    }
  }

  private async writeRemoteIfUnchanged(key: string, value: string, ttlMs: number, generation: string): Promise<boolean> {
    if (!this.redis) return true;
    if (generation === 'unknown') return false;
    const redis = this.readyRedis('set');
    if (!redis) return false;
    try {
      const stored = await redis.eval(SET_IF_GENERATION, 2, this.redisKey(key), this.generationKey(key), generation, value, ttlMs);
      return stored === 1;
    } catch (error) {
      this.reportError('set', error);
      return false;
    }
  }

  /** The Redis client when it can take commands now; otherwise counts the miss and returns undefined. */
  private readyRedis(operation: string): Redis | undefined {
    if (!this.redis) return undefined;
    if (this.redis.status === 'ready') return this.redis;
    this.reportError(operation, new Error(`Redis connection is ${this.redis.status}`));
    return undefined;
  }

  private redisKey(key: string): string {
    return `${this.keyPrefix}v:${key}`;
  }

  private generationKey(key: string): string {
    return `${this.keyPrefix}g:${key}`;
  }

  private reportError(operation: string, error: unknown): void {
    this.counters.errors++;
    // At most one line per 10 s: an outage must not flood the logs.
    const now = Date.now();
    if (now - this.lastErrorLogAt < 10_000) return;
    this.lastErrorLogAt = now;
    this.logger.warn({ err: error, operation }, 'Redis cache unavailable; serving from the source');
  }
}

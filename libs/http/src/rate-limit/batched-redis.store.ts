import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type Redis from 'ioredis';

/**
 * Adds `n` hits to a window counter and starts the window on its first hit;
 * returns the shared count and the window's remaining milliseconds.
 */
const INCRBY_WINDOW = `
  local current = redis.call('INCRBY', KEYS[1], ARGV[1])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
  return {current, ttl}
`;

type BatchingRedis = Redis & {
  rateLimitIncrBy(key: string, hits: number, windowMs: number): Promise<[number, number]>;
};

interface Counter {
  /** The shared count Redis last reported for this window. */
  shared: number;
  /** Hits admitted here and not yet added to Redis. */
  pending: number;
  /** When the window ends (this clock), from Redis's PTTL. */
  resetsAt: number;
  /** The limit's window, for a flush that starts a new one. */
  windowMs: number;
  /** A flush of this counter is on its way to Redis. */
  flushing: boolean;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export interface BatchedRedisStoreOptions {
  /** How often hits admitted locally are added to Redis. */
  flushIntervalMs?: number;
  /** Keys kept in memory (least recently used dropped; a dropped key just asks Redis again). */
  maxKeys?: number;
}

/** Below this share of the limit, and at least this many requests from it, hits are counted locally. */
const EXACT_BELOW_REMAINING_SHARE = 0.2;
const EXACT_BELOW_REMAINING_MIN = 50;

/**
 * A @fastify/rate-limit store that shares counters across instances through
 * Redis without a Redis round trip per request (issue 13). A key's first hit
 * in a window asks Redis (so an instance learns the shared count and the
 * window), then hits are counted here and added to Redis in one pipeline
 * every `flushIntervalMs`. Once a client gets near its limit (less than
 * 20 % of it, or 50 requests, left by the count this instance knows) every
 * hit goes to Redis again and is exact; limits too small for that margin are
 * always exact.
 *
 * Tolerance (docs/performance.md): a client can exceed its limit by at most
 * what each other instance admitted for it in one flush interval, and only
 * while all of them still saw it far from its limit. Redis errors reach the
 * plugin as errors (it fails open, `skipOnError`); hits that could not be
 * flushed are dropped, like the counter of an unreachable Redis.
 */
export class BatchedRedisStore {
  private readonly counters = new Map<string, Counter>();
  private readonly timer: NodeJS.Timeout;
  private readonly redis: BatchingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly options: BatchedRedisStoreOptions = {},
  ) {
    this.redis = redis as BatchingRedis;
    if (!this.redis.rateLimitIncrBy) this.redis.defineCommand('rateLimitIncrBy', { numberOfKeys: 1, lua: INCRBY_WINDOW });
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 100);
    this.timer.unref();
  }

  /** The plugin's store factory: `store: BatchedRedisStore.for(redis, prefix)`. */
  static for(redis: Redis, prefix: string, options?: BatchedRedisStoreOptions): FastifyRateLimitStoreCtor & (new () => BatchedRedisStore) {
    const store = new BatchedRedisStore(redis, prefix, options);
    // @fastify/rate-limit constructs the store class it is given; hand it this instance.
    return function StoreOfThisDeployment() {
      return store;
    } as unknown as FastifyRateLimitStoreCtor & (new () => BatchedRedisStore);
  }

  incr(key: string, callback: Callback, timeWindow: number, max: number): void {
    const now = Date.now();
    const counter = this.counters.get(key);
    const live = counter && counter.resetsAt > now;
    const margin = Math.max(Math.ceil(max * EXACT_BELOW_REMAINING_SHARE), EXACT_BELOW_REMAINING_MIN);
    if (live && counter.shared + counter.pending + 1 <= max - margin) {
      counter.pending += 1;
      callback(null, { current: counter.shared + counter.pending, ttl: counter.resetsAt - now });
      return;
    }
    // First hit of a window here, or near the limit: exact, with what is pending here.
    const hits = (live ? counter.pending : 0) + 1;
    if (counter) counter.pending = 0;
    this.redis.rateLimitIncrBy(this.prefix + key, hits, timeWindow).then(
      ([current, ttl]) => {
        this.remember(key, current, ttl, timeWindow);
        callback(null, { current, ttl });
      },
      (error: Error) => callback(error),
    );
  }

  /** Routes with their own limits get their own key space, as with the plugin's Redis store. */
  child(routeOptions: object): BatchedRedisStore {
    // At runtime the plugin passes its merged params with `routeInfo` (empty for createRateLimit, as with its own store).
    const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo ?? {};
    return new BatchedRedisStore(this.redis, `${this.prefix}${route.method}${route.url}-`, this.options);
  }

  /** Adds every counter's pending hits to Redis in one pipeline and learns the shared counts. */
  async flush(): Promise<void> {
    const batch = [...this.counters].filter(([, c]) => c.pending > 0 && !c.flushing);
    if (batch.length === 0) return;
    const pipeline = this.redis.pipeline();
    const sent = batch.map(([key, counter]) => {
      const hits = counter.pending;
      counter.pending = 0;
      counter.flushing = true;
      // Queued on the pipeline (its result comes from exec below), not sent on its own.
      void (pipeline as unknown as BatchingRedis).rateLimitIncrBy(this.prefix + key, hits, counter.windowMs);
      return { key, counter };
    });
    const results = await pipeline.exec().catch(() => null);
    sent.forEach(({ key, counter }, i) => {
      counter.flushing = false;
      const [error, reply] = results?.[i] ?? [new Error('no reply')];
      if (!error && Array.isArray(reply)) this.remember(key, Number(reply[0]), Number(reply[1]), counter.windowMs);
    });
  }

  close(): void {
    clearInterval(this.timer);
  }

  private remember(key: string, shared: number, ttl: number, windowMs: number): void {
    const counter = this.counters.get(key);
    const resetsAt = Date.now() + Math.max(0, ttl);
    if (counter) {
      this.counters.delete(key); // re-inserted below: Map order is the LRU order
      counter.shared = shared;
      counter.resetsAt = resetsAt;
      this.counters.set(key, counter);
    } else {
      this.counters.set(key, { shared, pending: 0, resetsAt, windowMs, flushing: false });
      const maxKeys = this.options.maxKeys ?? 10_000;
      if (this.counters.size > maxKeys) this.counters.delete(this.counters.keys().next().value!);
    }
  }
}

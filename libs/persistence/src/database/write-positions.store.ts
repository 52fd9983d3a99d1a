import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { LRUCache } from 'lru-cache';
import { countBoundedLru } from '@keel/kernel';
import { type Lsn, lsnFromSortable, lsnToSortable } from './lsn';

/**
 * Keeps the stored position only if the new one is not older (concurrent
 * requests of one user may record out of order). Fixed-width hex compares as
 * numbers when compared as strings.
 */
const RECORD_MAX = `
local current = redis.call('GET', KEYS[1])
if (not current) or current < ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`;

/** What a read needs to know about its user's last write. */
export type WritePosition = { kind: 'none' } | { kind: 'at'; lsn: Lsn } | { kind: 'unknown' };

export interface WritePositionStoreOptions {
  /** Shared across API instances; without it, positions live in this process (embedded, single instance). */
  redisUrl?: string;
  keyPrefix: string;
  ttlMs: number;
}

/**
 * The WAL position of each user's latest write, remembered for `ttlMs`: a read
 * by that user may use a replica only once the replica has replayed past it.
 * In Redis when configured, so a write on one instance is honoured by reads on
 * every other; in process otherwise.
 */
export class WritePositionStore {
  private readonly logger = new Logger(WritePositionStore.name);
  private readonly local: LRUCache<string, Lsn>;
  private redis: Redis | undefined;
  /**
   * Until then the shared store may be missing positions: writes recorded while
   * Redis was unreachable (on any instance) never reached it. Every instance
   * sees its own connection drop, so each treats every position as unknown
   * (reads go to the primary) from the drop until one TTL after Redis is back.
   */
  private untrustedUntil = 0;

  constructor(private readonly options: WritePositionStoreOptions) {
    // Grows with use: an instance holds only the sessions that wrote within the TTL.
    this.local = countBoundedLru<string, Lsn>(100_000, { ttl: options.ttlMs });
  }

  async connect(): Promise<void> {
    if (!this.options.redisUrl) return;
    this.redis = new Redis(this.options.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      disconnectTimeout: 200,
      connectionName: 'keel-read-your-writes',
    });
    this.redis.on('error', (error: Error) => this.logger.debug({ err: error }, 'Redis connection error (read-your-writes)'));
    this.redis.on('close', () => (this.untrustedUntil = Number.POSITIVE_INFINITY));
    this.redis.on('ready', () => {
      if (this.untrustedUntil > Date.now()) this.untrustedUntil = Date.now() + this.options.ttlMs;
    });
    // Boot does not depend on it: while Redis is unreachable, reads of users with unknown positions go to the primary.
    await this.redis
      .connect()
      .catch((error: Error) => this.logger.warn({ err: error }, 'Redis unreachable; reads fall back to the primary'));
  }

  async close(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }

  async record(userId: string, lsn: Lsn): Promise<void> {
    const previous = this.local.get(userId);
    if (previous === undefined || previous < lsn) this.local.set(userId, lsn);
    if (!this.redis) return;
    try {
      await this.redis.eval(RECORD_MAX, 1, this.key(userId), lsnToSortable(lsn), this.options.ttlMs);
    } catch (error) {
      // Other instances cannot learn this write: until the TTL has passed, nobody trusts the store.
      this.untrustedUntil = Math.max(this.untrustedUntil, Date.now() + this.options.ttlMs);
      this.logger.warn({ err: error }, 'Could not share a write position (Redis); reads go to the primary for a while');
    }
  }

  /** `unknown` when the shared store cannot answer: the caller must then assume a recent write. */
  async positionOf(userId: string): Promise<WritePosition> {
    if (!this.redis) {
      const lsn = this.local.get(userId);
      return lsn === undefined ? { kind: 'none' } : { kind: 'at', lsn };
    }
    if (this.redis.status !== 'ready' || Date.now() < this.untrustedUntil) return { kind: 'unknown' };
    try {
      const stored = await this.redis.get(this.key(userId));
      // This instance's own record counts too (it may be newer than what reached Redis).
      const local = this.local.get(userId);
      const remote = stored === null ? undefined : lsnFromSortable(stored);
      const lsn = local === undefined ? remote : remote === undefined || remote < local ? local : remote;
      return lsn === undefined ? { kind: 'none' } : { kind: 'at', lsn };
    } catch (error) {
      this.logger.debug({ err: error }, 'Read-your-writes lookup failed; reading from the primary');
      return { kind: 'unknown' };
    }
  }

  private key(userId: string): string {
    return `${this.options.keyPrefix}${userId}`;
  }
}

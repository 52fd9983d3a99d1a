import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CacheStore } from '@keel/persistence/cache';

/** Bump when the cached shape changes, so a deploy never reads the previous release's entries. */
const SHAPE = 'v1';
/**
 * A safety net only: entries are deleted when their row changes (NOTIFY).
 * It also bounds how long this instance bypasses the cache after missing
 * notifications, and how long an unconfirmed own change bypasses it.
 */
export const STOCK_TTL_SECONDS = 30;
const TTL_MS = STOCK_TTL_SECONDS * 1000;

// Lowercase, as PostgreSQL prints a uuid in the notification payload.
const keyFor = (productId: string) => `inventory:stock:${SHAPE}:${productId.toLowerCase()}`;

/** What is stored: `null` = the product keeps no stock (cached too, so it costs no query either). */
interface Entry {
  available: number | null;
}

/**
 * The read side's cache of available stock, per product, invalidated exactly
 * after commit on every instance:
 *
 * - Every change of a stock row NOTIFYs its product id when it commits (a
 *   trigger); every API/worker instance LISTENs (StockChangesListener) and
 *   deletes the entry (its local copy, the Redis copy and, through the
 *   CacheStore's broadcast, every other instance's local copy).
 * - A reader that loaded the old value before the commit cannot store it after
 *   the delete: CacheStore.wrap stores only if the key's generation is still
 *   the one seen before the load.
 * - While this instance is not LISTENing it could miss a delete, so it reads
 *   from the database and caches nothing; after a gap it keeps doing so for
 *   one TTL, by which time every entry filled before the gap has expired.
 *   (No "clear all" is needed: nobody can read an entry that predates a gap.)
 *   The first LISTEN at boot is not a gap: every stock writer is an instance
 *   that LISTENs, so a change is missed only when all of them lost the session.
 *   An invalidation that may not have reached Redis (the store counted an
 *   error while deleting) is treated as a gap too.
 * - Read-your-writes on the writing instance: a change made here is labelled
 *   (a transaction-local tag the trigger adds to the payload) and the product
 *   is read from the database until its own notification arrived, so the
 *   response to an admin's adjustment is never followed by an older number.
 *   Other instances show it as soon as they hear the NOTIFY (milliseconds).
 */
@Injectable()
export class StockLevelCache {
  private readonly logger = new Logger(StockLevelCache.name);
  private listening = false;
  /** Bumped whenever LISTEN starts or stops: a load that spans it is not cached. */
  private listenEpoch = 0;
  private bypassUntil = 0;
  /** productId → tags of this instance's own changes whose notification has not arrived, with when they were made. */
  private readonly ownPending = new Map<string, Map<string, number>>();

  constructor(private readonly cache: CacheStore) {}

  /** Available units of one product (null: it keeps no stock), through the cache when it can be trusted. */
  async available(productId: string, load: () => Promise<number | null>): Promise<number | null> {
    if (!this.trusted(productId)) return load();
    const epoch = this.listenEpoch;
    let loaded: Entry | undefined;
    const cached = await this.cache.wrap<Entry | undefined>(keyFor(productId), STOCK_TTL_SECONDS, async () => {
      loaded = { available: await load() };
      // LISTEN went down or came back while loading: a delete may have been missed, so do not store it.
      return epoch === this.listenEpoch && this.listening ? loaded : undefined;
    });
    return (cached ?? loaded)?.available ?? null;
  }

  /**
   * Before this instance changes a product's stock: returns the tag for the
   * transaction (see StockItemRepository.labelChanges) and reads the product
   * from the database until the notification carrying that tag arrived.
   */
  expectOwnChange(productId: string): string {
    const tag = randomUUID();
    const id = productId.toLowerCase();
    let tags = this.ownPending.get(id);
    if (!tags) this.ownPending.set(id, (tags = new Map()));
    tags.set(tag, Date.now());
    return tag;
  }

  /** A change of the product's stock committed (from its NOTIFY): the cached level is stale everywhere. */
  async changed(productId: string, tag?: string): Promise<void> {
    const errorsBefore = this.cache.stats().errors;
    await this.cache.delete(keyFor(productId));
    // The store swallows a failed invalidation (Redis unreachable): the old entry may have survived in Redis,
    // for at most its TTL. Any Redis error meanwhile counts as that (a false alarm only costs uncached reads).
    if (this.cache.stats().errors > errorsBefore) this.distrust('a stock invalidation may not have reached Redis');
    // Only now: until the delete is done, a read here could still find the old entry in Redis.
    if (tag !== undefined) this.forgetOwnChange(productId, tag);
  }

  listeningStarted(afterGap: boolean): void {
    this.listenEpoch++;
    this.listening = true;
    if (afterGap) this.distrust('stock notifications may have been missed');
  }

  listeningStopped(): void {
    this.listenEpoch++;
    this.listening = false;
  }

  /** Until every entry that may be stale has expired (one TTL), read stock from the database. */
  private distrust(why: string): void {
    // One line per episode, not per notification (a Redis outage can fail every invalidation).
    if (Date.now() >= this.bypassUntil) this.logger.warn(`Stock cache not trusted for ${STOCK_TTL_SECONDS} s: ${why}`);
    this.bypassUntil = Date.now() + TTL_MS;
  }

  private trusted(productId: string): boolean {
    if (!this.listening || Date.now() < this.bypassUntil) return false;
    const id = productId.toLowerCase();
    const tags = this.ownPending.get(id);
    if (!tags) return true;
    // A change that never committed (rolled back) never notifies: forget it after one TTL.
    const expired = Date.now() - TTL_MS;
    for (const [tag, at] of tags) if (at < expired) tags.delete(tag);
    if (tags.size > 0) return false;
    this.ownPending.delete(id);
    return true;
  }

  /** The own change arrived (or was refused and will never notify): stop bypassing for it. */
  forgetOwnChange(productId: string, tag: string): void {
    const id = productId.toLowerCase();
    const tags = this.ownPending.get(id);
    if (!tags) return;
    tags.delete(tag);
    if (tags.size === 0) this.ownPending.delete(id);
  }
}

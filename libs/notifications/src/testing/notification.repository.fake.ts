import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { Notification, type NotificationProps, type NotificationRepository } from '../domain';

/** A copy, as a database read returns: changing a loaded notification without saving it changes nothing stored. */
const copy = (n: Notification): Notification => Notification.restore(n.id, { ...(n as unknown as { props: NotificationProps }).props });

/**
 * NotificationRepository in memory: saves publish the notification's events to
 * `outbox`, like NotificationTypeOrmRepository; the dedupe key is unique and a
 * delivery claim is a lease, as in the table.
 */
export class InMemoryNotificationRepository implements NotificationRepository {
  readonly store = new InMemoryAggregateStore<Notification>();
  readonly outbox = this.store.outbox;
  /** Claimed until (epoch ms), by notification id. */
  private readonly claims = new Map<string, number>();

  /** Arranges stored notifications without publishing their events. */
  given(...notifications: Notification[]): this {
    this.store.arrange(...notifications);
    return this;
  }

  /** Another attempt holds the notification for `leaseMs` (as if it were sending right now). */
  claimedElsewhere(id: string, leaseMs = 60_000): this {
    this.claims.set(id, Date.now() + leaseMs);
    return this;
  }

  all(): Notification[] {
    return this.store.all().map(copy);
  }

  async findByDedupeKey(dedupeKey: string): Promise<Notification | null> {
    const found = this.store.all().find((n) => n.dedupeKey === dedupeKey);
    return found ? copy(found) : null;
  }

  async insertIfAbsent(notification: Notification): Promise<Notification> {
    const existing = await this.findByDedupeKey(notification.dedupeKey);
    // Another row won: this draft was never stored, so its events did not happen.
    if (existing) return existing;
    await this.store.save(notification);
    return copy(notification);
  }

  async claimForDelivery(id: string, leaseMs: number): Promise<boolean> {
    const stored = this.store.get(id);
    if (!stored || stored.status !== 'PENDING' || (this.claims.get(id) ?? 0) > Date.now()) return false;
    this.claims.set(id, Date.now() + leaseMs);
    return true;
  }

  async saveOutcome(notification: Notification): Promise<boolean> {
    if (this.store.get(notification.id)?.status !== 'PENDING') return false;
    await this.store.save(notification);
    this.claims.delete(notification.id);
    return true;
  }

  async listForUser(userId: string, options: { limit: number; after?: { createdAt: Date; id: string } }): Promise<Notification[]> {
    const after = options.after;
    return this.store
      .all()
      .filter((n) => n.userId === userId)
      .filter((n) => !after || n.createdAt < after.createdAt || (n.createdAt.getTime() === after.createdAt.getTime() && n.id < after.id))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, options.limit)
      .map(copy);
  }
}

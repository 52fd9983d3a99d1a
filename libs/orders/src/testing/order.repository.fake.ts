import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { ConcurrencyError, Order, type OrderListOptions, type OrderProps, type OrderRepository } from '../domain';

/** A copy at `version`, as a database read returns: changing a loaded order without saving it changes nothing stored. */
const copy = (order: Order, version: number): Order =>
  Order.restore(order.id, { ...(order as unknown as { props: OrderProps }).props, version });

/**
 * OrderRepository in memory: saves publish the order's events to `outbox`, like
 * OrderTypeOrmRepository, and `update` checks the version the order was loaded
 * at (optimistic concurrency), bumping the stored one.
 */
export class InMemoryOrderRepository implements OrderRepository {
  readonly store = new InMemoryAggregateStore<Order>();
  readonly outbox = this.store.outbox;
  private readonly versions = new Map<string, number>();
  private interferences = 0;

  /** Arranges stored orders without publishing their events (they are not what the test is about). */
  given(...orders: Order[]): this {
    this.store.arrange(...orders);
    for (const order of orders) this.versions.set(order.id, order.version);
    return this;
  }

  /** The next `count` updates find the order changed by someone else since it was read (a concurrent writer). */
  interfereWithNextUpdates(count: number): this {
    this.interferences = count;
    return this;
  }

  /** What is stored now (a copy). */
  stored(id: string): Order | undefined {
    const order = this.store.get(id);
    return order && copy(order, this.versions.get(id)!);
  }

  async findById(id: string): Promise<Order | null> {
    return this.stored(id) ?? null;
  }

  async insert(order: Order): Promise<void> {
    if (this.store.has(order.id)) throw new Error(`Order ${order.id} exists (orders_pkey)`);
    await this.store.save(order);
    this.versions.set(order.id, order.version);
  }

  async update(order: Order): Promise<void> {
    if (this.interferences > 0) {
      this.interferences--;
      this.versions.set(order.id, (this.versions.get(order.id) ?? 0) + 1);
    }
    // `WHERE id = ? AND version = ?` matched nothing: nothing is written, no event is published.
    if (this.versions.get(order.id) !== order.version) throw new ConcurrencyError();
    await this.store.save(order);
    this.versions.set(order.id, order.version + 1);
  }

  async list(options: OrderListOptions): Promise<Order[]> {
    const newestFirst = (a: Order, b: Order) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
    const after = options.after;
    return this.store
      .all()
      .filter((o) => !options.userId || o.userId === options.userId)
      .filter((o) => !options.status || o.status === options.status)
      .filter((o) => !after || o.createdAt < after.createdAt || (o.createdAt.getTime() === after.createdAt.getTime() && o.id < after.id))
      .sort(newestFirst)
      .slice(0, options.limit)
      .map((o) => copy(o, this.versions.get(o.id)!));
  }
}

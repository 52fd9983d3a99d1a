import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { In } from 'typeorm';
import { ConcurrencyError, Order, OrderListOptions, OrderRepository } from '../../domain';
import { OrderMapper } from './order.mapper';
import { INSERT_ORDER_SQL, ORDER_SNAPSHOT_SQL } from './order.sql';
import { OrderHistoryOrmEntity } from './order-history.orm-entity';
import { OrderItemOrmEntity } from './order-item.orm-entity';
import { OrderOrmEntity } from './order.orm-entity';

@Injectable()
export class OrderTypeOrmRepository extends AggregateTypeOrmRepositoryBase<OrderOrmEntity> implements OrderRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, OrderOrmEntity, outbox);
  }

  private get items() {
    return this.txHost.tx.getRepository(OrderItemOrmEntity);
  }

  private get history() {
    return this.txHost.tx.getRepository(OrderHistoryOrmEntity);
  }

  async findById(id: string): Promise<Order | null> {
    // Outside a command (queries): one statement, hence one snapshot and one round trip.
    if (!this.txHost.isTransactionActive()) return this.readSnapshot(id);
    // Inside a command: lock the row, so the history read next cannot be ahead of it
    // (a locking read inside a REPEATABLE READ snapshot would fail with a serialization
    // error when a consumer updated it, hence the command's own transaction).
    const row = await this.repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return row ? (await this.hydrate([row]))[0] : null;
  }

  /**
   * The order with its items and history as ONE statement: a statement sees one
   * snapshot, so history always agrees with status without a REPEATABLE READ
   * transaction around three queries (BEGIN, 3 × SELECT, COMMIT was five round
   * trips and most of an order read's cost).
   */
  private async readSnapshot(id: string): Promise<Order | null> {
    const rows: OrderSnapshotRow[] = await this.txHost.tx.query(ORDER_SNAPSHOT_SQL, [id]);
    if (rows.length === 0) return null;
    const [row] = rows;
    return OrderMapper.toDomain({
      order: {
        id: row.id,
        userId: row.user_id,
        status: row.status,
        statusReason: row.status_reason,
        totalAmount: Number(row.total_amount),
        currency: row.currency,
        paymentProvider: row.payment_provider,
        paymentMethod: row.payment_method,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        version: row.version,
      },
      items: row.items.map((item) => ({ ...item, orderId: row.id })),
      history: row.history.map((entry) => ({ ...entry, orderId: row.id, at: new Date(entry.at) })),
    });
  }

  /** The order row, its items and its first history entries in one statement (one round trip). */
  async insert(order: Order): Promise<void> {
    const row = OrderMapper.toOrderRow(order);
    const items = OrderMapper.toItemRows(order);
    const history = OrderMapper.toHistoryRows(order);
    await this.saveAggregate(order, () =>
      this.txHost.tx.query(INSERT_ORDER_SQL, [
        row.id,
        row.userId,
        row.status,
        row.statusReason,
        row.totalAmount,
        row.currency,
        row.paymentProvider,
        row.paymentMethod,
        row.createdAt,
        row.updatedAt,
        row.version,
        items.map((i) => i.lineNo),
        items.map((i) => i.productId),
        items.map((i) => i.sku),
        items.map((i) => i.name),
        items.map((i) => i.unitPriceAmount),
        items.map((i) => i.quantity),
        items.map((i) => i.lineTotalAmount),
        history.map((h) => h.seq),
        history.map((h) => h.status),
        history.map((h) => h.reason),
        history.map((h) => h.at),
      ]),
    );
  }

  async update(order: Order): Promise<void> {
    const { id, version, ...changes } = OrderMapper.toOrderRow(order);
    await this.saveAggregate(order, async () => {
      // Items never change after placement; only the order row and its history do.
      const result = await this.repository.update({ id, version }, { ...changes, version: version + 1 });
      if (result.affected !== 1) throw new ConcurrencyError();
      // History is append-only and the version check above serialises writers: existing rows are skipped.
      await this.history.createQueryBuilder().insert().values(OrderMapper.toHistoryRows(order)).orIgnore().execute();
    });
  }

  async list(options: OrderListOptions): Promise<Order[]> {
    return this.consistently(async () => {
      // Built inside the snapshot: `this.repository` resolves to the ambient transaction.
      const qb = this.repository.createQueryBuilder('o').orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(options.limit);
      if (options.userId) qb.andWhere('o.user_id = :userId', { userId: options.userId });
      if (options.status) qb.andWhere('o.status = :status', { status: options.status });
      if (options.after) qb.andWhere('(o.created_at, o.id) < (:createdAt, :id)', options.after);
      return this.hydrate(await qb.getMany());
    });
  }

  /**
   * An order is read in several statements (row, items, history). Outside a
   * command they share one REPEATABLE READ snapshot, so a consumer committing a
   * transition in between cannot make the history disagree with the status.
   */
  private consistently<T>(read: () => Promise<T>): Promise<T> {
    if (this.txHost.isTransactionActive()) return read();
    return this.txHost.withTransaction({ isolationLevel: 'REPEATABLE READ' }, read);
  }

  /** Loads the items and history of many orders in two queries (no N+1). */
  private async hydrate(rows: OrderOrmEntity[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const items = groupBy(await this.items.findBy({ orderId: In(ids) }), (item) => item.orderId);
    const history = groupBy(await this.history.findBy({ orderId: In(ids) }), (entry) => entry.orderId);
    return rows.map((order) => OrderMapper.toDomain({ order, items: items.get(order.id) ?? [], history: history.get(order.id) ?? [] }));
  }
}

interface OrderSnapshotRow {
  id: string;
  user_id: string;
  status: string;
  status_reason: string | null;
  total_amount: string;
  currency: string;
  payment_provider: string;
  payment_method: string;
  created_at: Date;
  updated_at: Date;
  version: number;
  items: Array<Omit<OrderItemOrmEntity, 'orderId'>>;
  history: Array<{ seq: number; status: string; reason: string | null; at: string }>;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/platform';
import { In } from 'typeorm';
import { ConcurrencyError, Order, OrderListOptions, OrderRepository } from '../../domain';
import { OrderMapper } from './order.mapper';
import { OrderHistoryOrmEntity } from './order-history.orm-entity';
import { OrderItemOrmEntity } from './order-item.orm-entity';
import { OrderOrmEntity } from './order.orm-entity';

@Injectable()
export class OrderTypeOrmRepository extends TypeOrmRepositoryBase<OrderOrmEntity> implements OrderRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, OrderOrmEntity);
  }

  private get items() {
    return this.txHost.tx.getRepository(OrderItemOrmEntity);
  }

  private get history() {
    return this.txHost.tx.getRepository(OrderHistoryOrmEntity);
  }

  async findById(id: string): Promise<Order | null> {
    // Decided before `consistently` opens its own snapshot transaction: only a
    // command's transaction locks the row (a locking read inside a REPEATABLE
    // READ snapshot fails with a serialization error when a consumer updated it).
    const inCommand = this.txHost.isTransactionActive();
    return this.consistently(async () => {
      // Inside a command: lock the row, so the history read next cannot be ahead of it.
      const row = inCommand
        ? await this.repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } })
        : await this.repository.findOneBy({ id });
      return row ? (await this.hydrate([row]))[0] : null;
    });
  }

  async insert(order: Order): Promise<void> {
    await this.repository.insert(OrderMapper.toOrderRow(order));
    await this.items.insert(OrderMapper.toItemRows(order));
    await this.history.insert(OrderMapper.toHistoryRows(order));
  }

  async update(order: Order): Promise<void> {
    const { id, version, ...changes } = OrderMapper.toOrderRow(order);
    // Items never change after placement; only the order row and its history do.
    const result = await this.repository.update({ id, version }, { ...changes, version: version + 1 });
    if (result.affected !== 1) throw new ConcurrencyError();
    // History is append-only and the version check above serialises writers: existing rows are skipped.
    await this.history.createQueryBuilder().insert().values(OrderMapper.toHistoryRows(order)).orIgnore().execute();
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

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

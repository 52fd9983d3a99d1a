import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { In } from 'typeorm';
import {
  MAX_STOCK_UNITS,
  type MovementCause,
  StockAlreadyInitializedError,
  StockItem,
  StockItemRepository,
  type StockItemProps,
} from '../../domain';
import { StockItemOrmEntity } from './stock-item.orm-entity';
import { STOCK_CHANGE_TAG_SETTING } from './stock-changes.channel';
import { StockMovementOrmEntity } from './stock-movement.orm-entity';

interface StockRow {
  product_id: string;
  available: number;
  reserved: number;
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Each change is one statement: a conditional UPDATE (the rule lives in its
 * WHERE clause, so concurrent writers serialise on the row and re-check it)
 * chained to the movement INSERT in a data-modifying CTE. Never read-modify-write.
 */
const changeSql = (assignments: string, condition: string) => `
  WITH params AS (
    SELECT $1::uuid AS product_id, $2::integer AS delta, $3::text AS reason, $4::uuid AS order_id, $5::integer AS max_units
  ), changed AS (
    UPDATE inventory.stock_items s
       SET ${assignments}, version = s.version + 1, updated_at = now()
      FROM params p
     WHERE s.product_id = p.product_id AND ${condition}
     RETURNING s.product_id, s.available, s.reserved, s.version
  ), movement AS (
    INSERT INTO inventory.stock_movements (product_id, delta, reason, order_id, created_at)
    SELECT c.product_id, p.delta, p.reason, p.order_id, now() FROM changed c, params p
  )
  SELECT product_id, available, reserved, version FROM changed`;

// `delta` is always the change of available units, as recorded in the history (negative when holding).
const ADJUST = changeSql('available = s.available + p.delta', 's.available + p.delta BETWEEN 0 AND p.max_units');
const RESERVE = changeSql('available = s.available + p.delta, reserved = s.reserved - p.delta', 's.available >= -p.delta');
const RELEASE = changeSql('available = s.available + p.delta, reserved = s.reserved - p.delta', 's.reserved >= p.delta');

@Injectable()
export class StockItemTypeOrmRepository extends TypeOrmRepositoryBase<StockItemOrmEntity> implements StockItemRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, StockItemOrmEntity);
  }

  async labelChanges(tag: string): Promise<void> {
    // Transaction-local (third argument): the label never leaks to the pooled session's next transaction.
    await this.txHost.tx.query(`SELECT set_config($1, $2, true)`, [STOCK_CHANGE_TAG_SETTING, tag]);
  }

  async insert(item: StockItem, cause: MovementCause): Promise<void> {
    const now = new Date();
    await this.mapUniqueViolations(
      () =>
        this.repository.insert({
          productId: item.productId,
          available: item.available,
          reserved: item.reserved,
          version: item.version,
          createdAt: now,
          updatedAt: now,
        }),
      { stock_items_pkey: () => new StockAlreadyInitializedError(item.productId) },
    );
    await this.txHost.tx.getRepository(StockMovementOrmEntity).insert({
      productId: item.productId,
      delta: item.available,
      reason: cause.reason,
      orderId: cause.orderId ?? null,
      createdAt: now,
    });
  }

  async findByProductIds(productIds: string[]): Promise<StockItem[]> {
    const ids = productIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return [];
    const rows = await this.repository.findBy({ productId: In(ids) });
    return rows.map((row) => StockItem.restore(row.productId, { available: row.available, reserved: row.reserved, version: row.version }));
  }

  async adjust(productId: string, delta: number, cause: MovementCause): Promise<StockItem | null> {
    if (!UUID.test(productId)) return null;
    const rows = await this.run(ADJUST, [productId, delta, cause.reason, cause.orderId ?? null, MAX_STOCK_UNITS]);
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async reserve(productId: string, quantity: number, cause: MovementCause): Promise<boolean> {
    if (!UUID.test(productId)) return false;
    const rows = await this.run(RESERVE, [productId, -quantity, cause.reason, cause.orderId ?? null, MAX_STOCK_UNITS]);
    return rows.length === 1;
  }

  async release(productId: string, quantity: number, cause: MovementCause): Promise<void> {
    const rows = await this.run(RELEASE, [productId, quantity, cause.reason, cause.orderId ?? null, MAX_STOCK_UNITS]);
    // Held units always exist for a RESERVED reservation; anything else is a bug, and the transaction rolls back.
    if (rows.length !== 1) throw new Error(`Cannot release ${quantity} units of ${productId}: fewer are reserved`);
  }

  private run(sql: string, parameters: unknown[]): Promise<StockRow[]> {
    return this.txHost.tx.query(sql, parameters) as Promise<StockRow[]>;
  }
}

function toDomain(row: StockRow): StockItem {
  const props: StockItemProps = { available: row.available, reserved: row.reserved, version: row.version };
  return StockItem.restore(row.product_id, props);
}

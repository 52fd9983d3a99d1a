import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/platform';
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
  WITH changed AS (
    UPDATE inventory.stock_items
       SET ${assignments}, version = version + 1, updated_at = now()
     WHERE product_id = $1 AND ${condition}
     RETURNING product_id, available, reserved, version
  ), movement AS (
    INSERT INTO inventory.stock_movements (product_id, delta, reason, order_id, created_at)
    SELECT product_id, $2, $3, $4, now() FROM changed
  )
  SELECT product_id, available, reserved, version FROM changed`;

const ADJUST = changeSql('available = available + $2', 'available + $2 BETWEEN 0 AND $5');
// $2 is the change of available units (negative when holding), as recorded in the history.
const RESERVE = changeSql('available = available + $2, reserved = reserved - $2', 'available >= -$2');
const RELEASE = changeSql('available = available + $2, reserved = reserved - $2', 'reserved >= $2');

@Injectable()
export class StockItemTypeOrmRepository extends TypeOrmRepositoryBase<StockItemOrmEntity> implements StockItemRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, StockItemOrmEntity);
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
    const rows = await this.run(RESERVE, [productId, -quantity, cause.reason, cause.orderId ?? null]);
    return rows.length === 1;
  }

  async release(productId: string, quantity: number, cause: MovementCause): Promise<void> {
    const rows = await this.run(RELEASE, [productId, quantity, cause.reason, cause.orderId ?? null]);
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

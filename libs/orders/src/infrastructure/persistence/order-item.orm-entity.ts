import { bigintAsNumber } from '@keel/persistence';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { OrderOrmEntity } from './order.orm-entity';

/**
 * Immutable after placement: a snapshot of each product as ordered. Priced in the order's currency.
 * Mirrors migration 1764180000000-orders-schema (checked by `npm run migration:check`).
 */
@Entity({ schema: 'orders', name: 'order_items' })
@Unique('order_items_order_product_key', ['orderId', 'productId'])
@Check('order_items_unit_price_check', `unit_price_amount >= 0`)
@Check('order_items_quantity_check', `quantity BETWEEN 1 AND 100`)
@Check('order_items_line_total_check', `line_total_amount = unit_price_amount * quantity`)
export class OrderItemOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id', primaryKeyConstraintName: 'order_items_pkey' })
  @ForeignKey(() => OrderOrmEntity, { name: 'order_items_order_id_fkey', onDelete: 'CASCADE' })
  orderId!: string;

  /** Position in the order as the customer listed it. */
  @PrimaryColumn('smallint', { name: 'line_no', primaryKeyConstraintName: 'order_items_pkey' })
  lineNo!: number;

  @Column('uuid', { name: 'product_id' })
  productId!: string;

  @Column('text')
  sku!: string;

  @Column('text')
  name!: string;

  @Column('bigint', { name: 'unit_price_amount', transformer: bigintAsNumber })
  unitPriceAmount!: number;

  @Column('integer')
  quantity!: number;

  @Column('bigint', { name: 'line_total_amount', transformer: bigintAsNumber })
  lineTotalAmount!: number;
}

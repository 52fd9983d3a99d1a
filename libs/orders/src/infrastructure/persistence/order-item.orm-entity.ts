import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@keel/platform';

/** Immutable after placement: a snapshot of each product as ordered. Priced in the order's currency. */
@Entity({ schema: 'orders', name: 'order_items' })
export class OrderItemOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  /** Position in the order as the customer listed it. */
  @PrimaryColumn('smallint', { name: 'line_no' })
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

import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { StockItemOrmEntity } from './stock-item.orm-entity';

/**
 * Append-only history: every change of available units, with why.
 * Mirrors migration 1764170000000-inventory-schema (checked by `npm run migration:check`).
 */
@Entity({ schema: 'inventory', name: 'stock_movements' })
@Index('stock_movements_product_idx', ['productId', 'id'])
@Index('stock_movements_order_idx', ['orderId'], { where: 'order_id IS NOT NULL' })
export class StockMovementOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'stock_movements_pkey' })
  id!: string;

  @Column('uuid', { name: 'product_id' })
  @ForeignKey(() => StockItemOrmEntity, { name: 'stock_movements_product_id_fkey', onDelete: 'CASCADE' })
  productId!: string;

  @Column('integer')
  delta!: number;

  @Column('text')
  reason!: string;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

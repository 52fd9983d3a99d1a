import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Mirrors migration 1764170000000-inventory-schema (checked by `npm run migration:check`).
 * The `stock_items_changed` trigger (1764220000000-inventory-stock-notify) is not
 * described here: TypeORM has no notion of triggers or functions, and ignores them.
 */
@Entity({ schema: 'inventory', name: 'stock_items' })
@Check('stock_items_available_range', `available BETWEEN 0 AND 1000000000`)
@Check('stock_items_reserved_range', `reserved BETWEEN 0 AND 1000000000`)
export class StockItemOrmEntity {
  @PrimaryColumn('uuid', { name: 'product_id', primaryKeyConstraintName: 'stock_items_pkey' })
  productId!: string;

  @Column('integer')
  available!: number;

  @Column('integer', { default: 0 })
  reserved!: number;

  @Column('integer', { default: 1 })
  version!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}

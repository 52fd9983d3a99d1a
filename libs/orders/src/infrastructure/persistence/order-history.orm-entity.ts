import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { OrderOrmEntity } from './order.orm-entity';

/**
 * Append-only: one row per status the order has been in.
 * Mirrors migration 1764180000000-orders-schema (checked by `npm run migration:check`).
 */
@Entity({ schema: 'orders', name: 'order_history' })
export class OrderHistoryOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id', primaryKeyConstraintName: 'order_history_pkey' })
  @ForeignKey(() => OrderOrmEntity, { name: 'order_history_order_id_fkey', onDelete: 'CASCADE' })
  orderId!: string;

  @PrimaryColumn('smallint', { primaryKeyConstraintName: 'order_history_pkey' })
  seq!: number;

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz')
  at!: Date;
}

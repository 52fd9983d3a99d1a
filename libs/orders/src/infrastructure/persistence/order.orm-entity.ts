import { bigintAsNumber } from '@keel/persistence';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Mirrors migration 1764180000000-orders-schema (checked by `npm run migration:check`).
 * The keyset indexes orders_user_created_idx `(user_id, created_at DESC, id DESC)` and
 * orders_created_idx `(created_at DESC, id DESC)` need a per-column order TypeORM cannot
 * express, so they are declared by name with `synchronize: false` (neither dropped nor
 * recreated by TypeORM; the migration is their definition).
 */
@Entity({ schema: 'orders', name: 'orders' })
@Check('orders_status_check', `status IN ('PENDING', 'CONFIRMED', 'PAID', 'REJECTED', 'PAYMENT_FAILED', 'CANCELLED')`)
@Check('orders_total_amount_check', `total_amount >= 0`)
@Check('orders_currency_check', `currency ~ '^[A-Z]{3}$'`)
@Check('orders_payment_provider_check', `payment_provider IN ('stripe', 'razorpay')`)
@Check('orders_payment_method_check', `char_length(payment_method) BETWEEN 1 AND 100`)
@Check('orders_version_check', `version >= 1`)
@Index('orders_user_created_idx', { synchronize: false })
@Index('orders_created_idx', { synchronize: false })
export class OrderOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'orders_pkey' })
  id!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  /** Denormalised Σ line totals, for reporting; the aggregate recomputes it from the items. */
  @Column('bigint', { name: 'total_amount', transformer: bigintAsNumber })
  totalAmount!: number;

  @Column('text')
  currency!: string;

  @Column('text', { name: 'payment_provider' })
  paymentProvider!: string;

  @Column('text', { name: 'payment_method' })
  paymentMethod!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** Optimistic concurrency, managed by the repository (`WHERE id = ? AND version = ?`), not by TypeORM. */
  @Column('integer', { default: 1 })
  version!: number;
}

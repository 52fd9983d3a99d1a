import { bigintAsNumber } from '@keel/persistence';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The tables of migration 1764200000000-payments-schema (checked by `npm run migration:check`). */
@Entity({ schema: 'payments', name: 'payments' })
@Unique('payments_one_per_order', ['orderId'])
@Check('payments_provider_check', `provider IN ('stripe', 'razorpay')`)
@Check('payments_amount_check', `amount >= 0`)
@Check('payments_status_check', `status IN ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')`)
@Index('payments_provider_reference_idx', ['provider', 'providerReference'], {
  unique: true,
  where: 'provider_reference IS NOT NULL',
})
export class PaymentOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'payments_pkey' })
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  provider!: string;

  @Column('text')
  method!: string;

  @Column('bigint', { transformer: bigintAsNumber })
  amount!: number;

  @Column('char', { length: 3 })
  currency!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'provider_reference', nullable: true })
  providerReference!: string | null;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

@Entity({ schema: 'payments', name: 'webhook_events' })
export class WebhookEventOrmEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'webhook_events_pkey' })
  provider!: string;

  @PrimaryColumn('text', { name: 'event_id', primaryKeyConstraintName: 'webhook_events_pkey' })
  eventId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}

@Entity({ schema: 'payments', name: 'charge_attempts' })
export class ChargeAttemptOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id', primaryKeyConstraintName: 'charge_attempts_pkey' })
  orderId!: string;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { name: 'last_attempt_at', default: () => 'now()' })
  lastAttemptAt!: Date;
}

/**
 * Orders cancelled before they were charged (migration 1764200000001-payments-cancelled-orders).
 * Read and written with SQL only (PaymentTypeOrmRepository); declared so the entities describe
 * every table the migrations create (`npm run migration:check`).
 */
@Entity({ schema: 'payments', name: 'cancelled_orders' })
export class CancelledOrderOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id', primaryKeyConstraintName: 'cancelled_orders_pkey' })
  orderId!: string;

  @Column('timestamptz', { name: 'cancelled_at', default: () => 'now()' })
  cancelledAt!: Date;
}

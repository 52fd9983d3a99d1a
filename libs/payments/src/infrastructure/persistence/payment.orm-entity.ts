import { bigintAsNumber } from '@keel/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'payments', name: 'payments' })
export class PaymentOrmEntity {
  @PrimaryColumn('uuid')
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
  @PrimaryColumn('text')
  provider!: string;

  @PrimaryColumn('text', { name: 'event_id' })
  eventId!: string;

  @Column('text')
  type!: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;
}

@Entity({ schema: 'payments', name: 'charge_attempts' })
export class ChargeAttemptOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('integer')
  attempts!: number;

  @Column('timestamptz', { name: 'last_attempt_at' })
  lastAttemptAt!: Date;
}

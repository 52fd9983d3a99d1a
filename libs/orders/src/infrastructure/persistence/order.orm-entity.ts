import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@keel/platform';

@Entity({ schema: 'orders', name: 'orders' })
export class OrderOrmEntity {
  @PrimaryColumn('uuid')
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
  @Column('integer')
  version!: number;
}

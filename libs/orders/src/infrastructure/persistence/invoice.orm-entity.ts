import { bigintAsNumber } from '@keel/persistence';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import { OrderOrmEntity } from './order.orm-entity';

/** Mirrors migration 1764320000001-invoices (checked by `npm run migration:check`). */
@Entity({ schema: 'orders', name: 'invoices' })
@Unique('invoices_order_id_key', ['orderId'])
@Unique('invoices_number_key', ['year', 'sequence'])
@Check('invoices_sequence_check', `sequence >= 1`)
@Check('invoices_status_check', `status IN ('ISSUED', 'READY')`)
export class InvoiceOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'invoices_pkey' })
  id!: string;

  @Column('uuid', { name: 'order_id' })
  @ForeignKey(() => OrderOrmEntity, { name: 'invoices_order_id_fkey' })
  orderId!: string;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('integer')
  year!: number;

  @Column('integer')
  sequence!: number;

  @Column('bigint', { name: 'total_amount', transformer: bigintAsNumber })
  totalAmount!: number;

  @Column('char', { name: 'total_currency', length: 3 })
  totalCurrency!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'object_key', nullable: true })
  objectKey!: string | null;

  @Column('timestamptz', { name: 'issued_at' })
  issuedAt!: Date;

  @Column('timestamptz', { name: 'rendered_at', nullable: true })
  renderedAt!: Date | null;
}

/** One counter per year (see the migration for why not a PostgreSQL sequence). */
@Entity({ schema: 'orders', name: 'invoice_sequences' })
@Check('invoice_sequences_last_number_check', `last_number >= 0`)
export class InvoiceSequenceOrmEntity {
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'invoice_sequences_pkey' })
  year!: number;

  @Column('integer', { name: 'last_number' })
  lastNumber!: number;
}

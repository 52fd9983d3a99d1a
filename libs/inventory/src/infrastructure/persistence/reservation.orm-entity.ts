import { Check, Column, Entity, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import type { ReservationLine, ReservationStatus } from '../../domain';

/** Mirrors migration 1764170000000-inventory-schema (checked by `npm run migration:check`). */
@Entity({ schema: 'inventory', name: 'reservations' })
@Unique('reservations_order_id_key', ['orderId'])
@Check('reservations_status_check', `status IN ('RESERVED', 'RELEASED', 'REJECTED')`)
export class ReservationOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'reservations_pkey' })
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  status!: ReservationStatus;

  @Column('jsonb', { default: [] })
  lines!: ReservationLine[];

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

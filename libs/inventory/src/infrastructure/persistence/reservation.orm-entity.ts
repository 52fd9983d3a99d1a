import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ReservationLine, ReservationStatus } from '../../domain';

@Entity({ schema: 'inventory', name: 'reservations' })
export class ReservationOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  status!: ReservationStatus;

  @Column('jsonb')
  lines!: ReservationLine[];

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

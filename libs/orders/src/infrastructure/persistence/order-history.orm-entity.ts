import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: one row per status the order has been in. */
@Entity({ schema: 'orders', name: 'order_history' })
export class OrderHistoryOrmEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  @PrimaryColumn('smallint')
  seq!: number;

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz')
  at!: Date;
}

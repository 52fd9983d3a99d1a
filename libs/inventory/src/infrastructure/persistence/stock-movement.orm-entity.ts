import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only history: every change of available units, with why. */
@Entity({ schema: 'inventory', name: 'stock_movements' })
export class StockMovementOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'product_id' })
  productId!: string;

  @Column('integer')
  delta!: number;

  @Column('text')
  reason!: string;

  @Column('uuid', { name: 'order_id', nullable: true })
  orderId!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

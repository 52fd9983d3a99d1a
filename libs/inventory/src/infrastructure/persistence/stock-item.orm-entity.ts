import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'inventory', name: 'stock_items' })
export class StockItemOrmEntity {
  @PrimaryColumn('uuid', { name: 'product_id' })
  productId!: string;

  @Column('integer')
  available!: number;

  @Column('integer')
  reserved!: number;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

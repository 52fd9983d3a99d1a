import { bigintAsNumber } from '@keel/platform';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

@Entity({ schema: 'catalog', name: 'products' })
export class ProductOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  sku!: string;

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount!: number;

  @Column('char', { name: 'price_currency', length: 3 })
  priceCurrency!: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

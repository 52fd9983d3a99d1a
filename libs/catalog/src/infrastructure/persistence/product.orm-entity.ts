import { bigintAsNumber } from '@keel/persistence';
import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * Mirrors migrations 1764160000000-catalog-schema and 1764160000001-catalog-search-index
 * (`npm run migration:check` fails when the two disagree). Indexes TypeORM cannot
 * express are declared by name only, with `synchronize: false` (TypeORM's escape hatch:
 * it neither drops nor recreates them; the migration is their definition):
 * - products_created_idx `(created_at DESC, id DESC)`: TypeORM has no per-column order;
 * - products_name_trgm_idx `USING gin (name gin_trgm_ops)` and products_sku_trgm_idx
 *   `USING gin (sku gin_trgm_ops)`: TypeORM cannot name an operator class.
 * products_sku_key, a unique index on the expression `lower(sku)`, is not declared at all:
 * TypeORM indexes take columns only, and its schema reader skips expression indexes.
 */
@Entity({ schema: 'catalog', name: 'products' })
@Check('products_sku_format', `sku ~ '^[A-Za-z0-9._-]{1,64}$'`)
@Check('products_name_length', `char_length(name) BETWEEN 1 AND 200`)
@Check('products_description_length', `char_length(description) <= 2000`)
@Check('products_price_amount_range', `price_amount >= 0`)
@Index('products_created_idx', { synchronize: false })
@Index('products_name_trgm_idx', { synchronize: false })
@Index('products_sku_trgm_idx', { synchronize: false })
export class ProductOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'products_pkey' })
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

  @VersionColumn({ default: 1 })
  version!: number;
}

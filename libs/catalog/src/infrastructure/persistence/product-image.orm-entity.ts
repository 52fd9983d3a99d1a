import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { ProductOrmEntity } from './product.orm-entity';

/** Mirrors migration 1764320000000-product-images (`npm run migration:check` fails when the two disagree). */
@Entity({ schema: 'catalog', name: 'product_images' })
@Check('product_images_status_check', `status IN ('PENDING', 'PROCESSING', 'READY', 'REJECTED', 'DELETED')`)
@Check('product_images_content_type_check', `content_type IN ('image/png', 'image/jpeg', 'image/webp')`)
@Check('product_images_declared_bytes_check', `declared_bytes > 0`)
@Index('product_images_product_idx', ['productId', 'createdAt'])
@Index('product_images_status_idx', ['status', 'createdAt'])
export class ProductImageOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'product_images_pkey' })
  id!: string;

  @Column('uuid', { name: 'product_id' })
  @ForeignKey(() => ProductOrmEntity, { name: 'product_images_product_id_fkey', onDelete: 'CASCADE' })
  productId!: string;

  @Column('text')
  status!: string;

  @Column('text', { name: 'content_type' })
  contentType!: string;

  @Column('integer', { name: 'declared_bytes' })
  declaredBytes!: number;

  @Column('text', { name: 'upload_key' })
  uploadKey!: string;

  @Column('text', { name: 'image_key', nullable: true })
  imageKey!: string | null;

  @Column('text', { name: 'thumbnail_key', nullable: true })
  thumbnailKey!: string | null;

  @Column('integer', { nullable: true })
  width!: number | null;

  @Column('integer', { nullable: true })
  height!: number | null;

  @Column('integer', { name: 'stored_bytes', nullable: true })
  storedBytes!: number | null;

  @Column('text', { name: 'rejection_reason', nullable: true })
  rejectionReason!: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}

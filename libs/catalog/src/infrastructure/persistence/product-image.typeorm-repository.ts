import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { InvariantViolationError } from '@keel/kernel/domain';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { In, LessThan } from 'typeorm';
import type { ProductImage, ProductImageRepository } from '../../domain';
import { ProductImageMapper } from './product-image.mapper';
import { ProductImageOrmEntity } from './product-image.orm-entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ProductImageTypeOrmRepository extends AggregateTypeOrmRepositoryBase<ProductImageOrmEntity> implements ProductImageRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, ProductImageOrmEntity, outbox);
  }

  async findById(id: string, productId?: string): Promise<ProductImage | null> {
    if (!UUID.test(id) || (productId !== undefined && !UUID.test(productId))) return null;
    const row = await this.repository.findOneBy(productId ? { id, productId } : { id });
    return row ? ProductImageMapper.toDomain(row) : null;
  }

  async findByIdForUpdate(id: string): Promise<ProductImage | null> {
    if (!UUID.test(id)) return null;
    const row = await this.repository.createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id }).getOne();
    return row ? ProductImageMapper.toDomain(row) : null;
  }

  async findReadyByProducts(productIds: string[]): Promise<ProductImage[]> {
    const valid = productIds.filter((id) => UUID.test(id));
    if (valid.length === 0) return [];
    const rows = await this.repository.find({
      where: { productId: In(valid), status: 'READY' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(ProductImageMapper.toDomain);
  }

  async findAbandonedForUpdate(before: Date, limit: number): Promise<ProductImage[]> {
    const rows = await this.repository
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where({ status: 'PENDING', createdAt: LessThan(before) })
      .orderBy('i.created_at', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(ProductImageMapper.toDomain);
  }

  async countOtherReferences(key: string, exceptImageId: string): Promise<number> {
    return this.repository
      .createQueryBuilder('i')
      .where('i.id <> :exceptImageId', { exceptImageId })
      .andWhere(`i.status <> 'DELETED'`)
      .andWhere('(i.image_key = :key OR i.thumbnail_key = :key)', { key })
      .getCount();
  }

  async insert(image: ProductImage): Promise<void> {
    await this.saveAggregate(image, () => this.repository.insert(ProductImageMapper.toPersistence(image)));
  }

  async update(image: ProductImage): Promise<void> {
    const { id, ...changes } = ProductImageMapper.toPersistence(image);
    await this.saveAggregate(image, async () => {
      const result = await this.repository.update({ id }, changes);
      if (result.affected !== 1) throw new InvariantViolationError(`Product image ${id} is gone`);
    });
  }
}

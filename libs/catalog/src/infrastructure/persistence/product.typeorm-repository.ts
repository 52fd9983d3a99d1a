import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { InvariantViolationError } from '@keel/kernel/domain';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Brackets, In } from 'typeorm';
import { DuplicateSkuError, Product, type ProductListOptions, ProductRepository } from '../../domain';
import { ProductMapper } from './product.mapper';
import { ProductOrmEntity } from './product.orm-entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The search text matches literally: `%`, `_` and `\` lose their LIKE meaning. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class ProductTypeOrmRepository extends AggregateTypeOrmRepositoryBase<ProductOrmEntity> implements ProductRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, ProductOrmEntity, outbox);
  }

  async findById(id: string): Promise<Product | null> {
    if (!UUID.test(id)) return null;
    const row = await this.repository.findOneBy({ id });
    return row ? ProductMapper.toDomain(row) : null;
  }

  async findByIdForUpdate(id: string): Promise<Product | null> {
    if (!UUID.test(id)) return null;
    const row = await this.repository.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    return row ? ProductMapper.toDomain(row) : null;
  }

  async findByIds(ids: string[]): Promise<Product[]> {
    const valid = ids.filter((id) => UUID.test(id));
    if (valid.length === 0) return [];
    return (await this.repository.findBy({ id: In(valid) })).map(ProductMapper.toDomain);
  }

  async insert(product: Product): Promise<void> {
    await this.saveAggregate(product, () =>
      this.mapUniqueViolations(() => this.repository.insert(ProductMapper.toPersistence(product)), {
        products_sku_key: () => new DuplicateSkuError(product.sku),
      }),
    );
  }

  async update(product: Product): Promise<void> {
    const { id, ...changes } = ProductMapper.toPersistence(product);
    await this.saveAggregate(product, async () => {
      // The version must still be the one read: the row lock guarantees it, this check proves it.
      const result = await this.repository.update({ id, version: product.version }, changes);
      if (result.affected !== 1) throw new InvariantViolationError(`Product ${id} changed concurrently`);
    });
  }

  async list(options: ProductListOptions): Promise<Product[]> {
    const qb = this.repository.createQueryBuilder('p').orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').limit(options.limit);
    if (options.after) qb.andWhere('(p.created_at, p.id) < (:createdAt, :id)', options.after);
    if (options.search) {
      const pattern = `%${escapeLike(options.search)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where(`p.name ILIKE :pattern ESCAPE '\\'`, { pattern }).orWhere(`p.sku ILIKE :pattern ESCAPE '\\'`, { pattern }),
        ),
      );
    }
    return (await qb.getMany()).map(ProductMapper.toDomain);
  }
}

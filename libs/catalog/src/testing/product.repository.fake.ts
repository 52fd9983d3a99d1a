import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { InvariantViolationError } from '@keel/kernel/domain';
import { DuplicateSkuError, Product, type ProductListOptions, type ProductRepository } from '../domain';

/** A copy, as a database read returns, at the given version. */
const copy = (product: Product, version = product.version): Product =>
  Product.restore(product.id, {
    sku: product.sku,
    name: product.name,
    description: product.description,
    price: product.price,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    version,
  });

/** ProductRepository in memory: saves publish the product's events to `outbox`, like ProductTypeOrmRepository. */
export class InMemoryProductRepository implements ProductRepository {
  readonly store = new InMemoryAggregateStore<Product>();
  readonly outbox = this.store.outbox;
  /** The stored versions, as the row's version column (bumped by every update). */
  private readonly versions = new Map<string, number>();

  /** Arranges stored products without publishing their events. */
  given(...products: Product[]): this {
    this.store.arrange(...products);
    for (const product of products) this.versions.set(product.id, product.version);
    return this;
  }

  stored(id: string): Product | undefined {
    const product = this.store.get(id);
    return product && copy(product, this.versions.get(id));
  }

  async findById(id: string): Promise<Product | null> {
    return this.stored(id) ?? null;
  }

  async findByIdForUpdate(id: string): Promise<Product | null> {
    return this.stored(id) ?? null;
  }

  async findByIds(ids: string[]): Promise<Product[]> {
    return ids.flatMap((id) => this.stored(id) ?? []);
  }

  async insert(product: Product): Promise<void> {
    // The unique index products_sku_key on lower(sku).
    if (this.store.all().some((p) => p.sku.toLowerCase() === product.sku.toLowerCase())) throw new DuplicateSkuError(product.sku);
    await this.store.save(product);
    this.versions.set(product.id, product.version);
  }

  async update(product: Product): Promise<void> {
    const version = this.versions.get(product.id);
    if (version !== product.version) throw new InvariantViolationError(`Product ${product.id} changed concurrently`);
    await this.store.save(product);
    this.versions.set(product.id, version + 1);
  }

  async list(options: ProductListOptions): Promise<Product[]> {
    const after = options.after;
    const search = options.search?.toLowerCase();
    return this.store
      .all()
      .filter((p) => !after || p.createdAt < after.createdAt || (p.createdAt.getTime() === after.createdAt.getTime() && p.id < after.id))
      .filter((p) => !search || p.name.toLowerCase().includes(search) || p.sku.toLowerCase().includes(search))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, options.limit)
      .map((p) => copy(p, this.versions.get(p.id)));
  }
}

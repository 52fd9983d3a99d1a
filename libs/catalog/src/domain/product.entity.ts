import { AggregateRoot, invariant, Money, ValidationError } from '@keel/kernel/domain';
import { ProductCreatedEvent } from './product-created.domain-event';
import type { ProductField, ProductSnapshot } from './product-snapshot';
import { ProductUpdatedEvent } from './product-updated.domain-event';

export const SKU_MAX_LENGTH = 64;
export const SKU_PATTERN = /^[A-Za-z0-9._-]+$/;
export const NAME_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 2000;

export interface ProductProps {
  sku: string;
  name: string;
  description: string | null;
  price: Money;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by persistence on every stored change. */
  version: number;
}

export interface ProductChanges {
  name?: string;
  description?: string | null;
  price?: Money;
}

/**
 * Something the shop sells. The SKU is its stable business key (unique, case
 * insensitively); name, description and price may be revised. How many units
 * exist is inventory's business, not the catalog's.
 */
export class Product extends AggregateRoot {
  private constructor(
    id: string,
    private props: ProductProps,
  ) {
    super(id);
    this.validate();
  }

  static create(input: { id: string; sku: string; name: string; description?: string | null; price: Money; now: Date }): Product {
    const product = new Product(input.id, {
      sku: input.sku,
      name: input.name.trim(),
      description: input.description ?? null,
      price: input.price,
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    product.raise(new ProductCreatedEvent(product.id, product.snapshot()));
    return product;
  }

  /** Rebuilds a stored product; no events, the facts already happened. */
  static restore(id: string, props: ProductProps): Product {
    return new Product(id, { ...props });
  }

  get sku(): string {
    return this.props.sku;
  }
  get name(): string {
    return this.props.name;
  }
  get description(): string | null {
    return this.props.description;
  }
  get price(): Money {
    return this.props.price;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get version(): number {
    return this.props.version;
  }

  /**
   * Applies the given changes. Returns the fields that really changed (none
   * when every value equals the current one: no event, no new timestamp).
   */
  revise(changes: ProductChanges, now: Date): ProductField[] {
    const next: ProductProps = { ...this.props };
    const changed: ProductField[] = [];
    if (changes.name !== undefined && changes.name.trim() !== next.name) {
      next.name = changes.name.trim();
      changed.push('name');
    }
    if (changes.description !== undefined && changes.description !== next.description) {
      next.description = changes.description;
      changed.push('description');
    }
    if (changes.price !== undefined && !changes.price.equals(next.price)) {
      next.price = changes.price;
      changed.push('price');
    }
    if (changed.length === 0) return [];
    Product.check(next);
    this.props = { ...next, updatedAt: now };
    this.raise(new ProductUpdatedEvent(this.id, { ...this.snapshot(), changed }));
    return changed;
  }

  snapshot(): ProductSnapshot {
    return { sku: this.sku, name: this.name, description: this.description, price: this.price.toJSON() };
  }

  private validate(): void {
    Product.check(this.props);
    invariant(this.props.updatedAt >= this.props.createdAt, 'A product is updated after it is created');
  }

  private static check(props: ProductProps): void {
    const errors = [];
    if (props.sku.length === 0 || props.sku.length > SKU_MAX_LENGTH || !SKU_PATTERN.test(props.sku)) {
      errors.push({ field: 'sku', message: `must be 1 to ${SKU_MAX_LENGTH} characters of letters, digits, '.', '_' or '-'` });
    }
    if (props.name.length === 0 || props.name.length > NAME_MAX_LENGTH) {
      errors.push({ field: 'name', message: `must be 1 to ${NAME_MAX_LENGTH} characters` });
    }
    if (props.description !== null && props.description.length > DESCRIPTION_MAX_LENGTH) {
      errors.push({ field: 'description', message: `must be at most ${DESCRIPTION_MAX_LENGTH} characters` });
    }
    if (errors.length > 0) throw new ValidationError('Invalid product.', errors);
  }
}

import type { Product, ProductImage } from '../../domain';
import { type ProductImageView, toProductImageView } from './product-image.view';

/** A product as the catalog describes it; safe to cache (no stock). */
export interface ProductDetails {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price: { amount: number; currency: string };
  createdAt: string;
  updatedAt: string;
  /** READY images only, oldest first. */
  images: ProductImageView[];
}

/**
 * The public shape of a product (contract: `{id, sku, name, description,
 * price, stock, createdAt, updatedAt, images}`); `stock` is inventory's available
 * units, read fresh.
 */
export interface ProductView extends ProductDetails {
  stock: number;
}

/** `images`: the product's READY images (a new product has none). */
export const toProductDetails = (product: Product, images: ProductImage[] = []): ProductDetails => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  description: product.description,
  price: product.price.toJSON(),
  createdAt: product.createdAt.toISOString(),
  updatedAt: product.updatedAt.toISOString(),
  images: images.filter((image) => image.status === 'READY').map(toProductImageView),
});

/** Field order is fixed here: it is what the ETag is computed over. */
export const withStock = (details: ProductDetails, stock: number): ProductView => ({
  id: details.id,
  sku: details.sku,
  name: details.name,
  description: details.description,
  price: { amount: details.price.amount, currency: details.price.currency },
  stock,
  createdAt: details.createdAt,
  updatedAt: details.updatedAt,
  images: details.images ?? [],
});

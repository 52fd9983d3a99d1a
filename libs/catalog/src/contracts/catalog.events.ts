/** Integration events catalog publishes through the outbox. Payloads are plain JSON. */

export interface ProductSnapshot {
  sku: string;
  name: string;
  description: string | null;
  price: { amount: number; currency: string };
}

export const CATALOG_PRODUCT_CREATED = 'catalog.product-created';
export type ProductCreatedPayload = ProductSnapshot;

export const CATALOG_PRODUCT_UPDATED = 'catalog.product-updated';
export interface ProductUpdatedPayload extends ProductSnapshot {
  /** Which of name, description, price changed. */
  changed: Array<'name' | 'description' | 'price'>;
}

/** A product image's upload was completed; a job verifies it. */
export const CATALOG_PRODUCT_IMAGE_UPLOADED = 'catalog.product-image-uploaded';
/** Verified and rendered: listed with its product from now on. */
export const CATALOG_PRODUCT_IMAGE_READY = 'catalog.product-image-ready';
/** The upload was not the declared image (`reason` says why); its object is gone. */
export const CATALOG_PRODUCT_IMAGE_REJECTED = 'catalog.product-image-rejected';
/** Deleted by an admin, or an upload abandoned for a day; `keys` are its objects. */
export const CATALOG_PRODUCT_IMAGE_DELETED = 'catalog.product-image-deleted';
export interface ProductImagePayload {
  imageId: string;
  productId: string;
}
export interface ProductImageRejectedPayload extends ProductImagePayload {
  reason: string;
}
export interface ProductImageDeletedPayload extends ProductImagePayload {
  keys: string[];
}

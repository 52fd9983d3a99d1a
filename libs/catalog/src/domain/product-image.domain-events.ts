import { DomainEvent } from '@keel/kernel/domain';

/** Wire names and payloads are published in ../contracts (catalog.events.ts). */
export const PRODUCT_IMAGE_UPLOADED = 'catalog.product-image-uploaded';
export const PRODUCT_IMAGE_READY = 'catalog.product-image-ready';
export const PRODUCT_IMAGE_REJECTED = 'catalog.product-image-rejected';
export const PRODUCT_IMAGE_DELETED = 'catalog.product-image-deleted';

export interface ProductImagePayload {
  imageId: string;
  productId: string;
}
export interface ProductImageRejectedPayload extends ProductImagePayload {
  reason: string;
}
export interface ProductImageDeletedPayload extends ProductImagePayload {
  /** Every object of the image, for the job that removes them. */
  keys: string[];
}

export class ProductImageUploadedEvent extends DomainEvent<ProductImagePayload> {
  readonly eventName = PRODUCT_IMAGE_UPLOADED;
}
export class ProductImageReadyEvent extends DomainEvent<ProductImagePayload> {
  readonly eventName = PRODUCT_IMAGE_READY;
}
export class ProductImageRejectedEvent extends DomainEvent<ProductImageRejectedPayload> {
  readonly eventName = PRODUCT_IMAGE_REJECTED;
}
export class ProductImageDeletedEvent extends DomainEvent<ProductImageDeletedPayload> {
  readonly eventName = PRODUCT_IMAGE_DELETED;
}

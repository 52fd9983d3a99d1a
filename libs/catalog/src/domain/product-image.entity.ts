import { AggregateRoot, ConflictError, invariant } from '@keel/kernel/domain';
import {
  ProductImageDeletedEvent,
  ProductImageReadyEvent,
  ProductImageRejectedEvent,
  ProductImageUploadedEvent,
} from './product-image.domain-events';

export const IMAGE_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];
export const isImageContentType = (value: string): value is ImageContentType => (IMAGE_CONTENT_TYPES as readonly string[]).includes(value);

/**
 * PENDING: upload URL handed out, bytes maybe not there yet. PROCESSING: the client says the upload
 * is complete; a job verifies it. READY / REJECTED: the job's verdict. DELETED: gone (objects removed by a job).
 */
export type ProductImageStatus = 'PENDING' | 'PROCESSING' | 'READY' | 'REJECTED' | 'DELETED';

export interface RenderedImage {
  imageKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
  bytes: number;
}

export interface ProductImageProps {
  productId: string;
  status: ProductImageStatus;
  contentType: ImageContentType;
  declaredBytes: number;
  /** Where the client uploads; chosen by the server, never by the client. */
  uploadKey: string;
  rendered: RenderedImage | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class ImageNotPendingError extends ConflictError {
  override readonly code = 'image-not-pending';
  constructor(status: ProductImageStatus) {
    super(`The image is ${status}; only a PENDING upload can be completed.`);
  }
}

/**
 * A picture of a product, uploaded by an admin straight to object storage and
 * verified by a worker before anyone sees it. Each state change raises an
 * event, so the work that follows (verification, removal) runs as outbox jobs.
 */
export class ProductImage extends AggregateRoot {
  private constructor(
    id: string,
    private props: ProductImageProps,
  ) {
    super(id);
    invariant(props.declaredBytes > 0, 'An image has a positive declared size');
    invariant(props.status !== 'READY' || props.rendered !== null, 'A READY image has rendered objects');
  }

  static create(input: { id: string; productId: string; contentType: ImageContentType; declaredBytes: number; now: Date }): ProductImage {
    return new ProductImage(input.id, {
      productId: input.productId,
      status: 'PENDING',
      contentType: input.contentType,
      declaredBytes: input.declaredBytes,
      uploadKey: `uploads/products/${input.productId}/${input.id}`,
      rendered: null,
      rejectionReason: null,
      createdAt: input.now,
      updatedAt: input.now,
    });
  }

  static restore(id: string, props: ProductImageProps): ProductImage {
    return new ProductImage(id, { ...props });
  }

  get productId(): string {
    return this.props.productId;
  }
  get status(): ProductImageStatus {
    return this.props.status;
  }
  get contentType(): ImageContentType {
    return this.props.contentType;
  }
  get declaredBytes(): number {
    return this.props.declaredBytes;
  }
  get uploadKey(): string {
    return this.props.uploadKey;
  }
  get rendered(): RenderedImage | null {
    return this.props.rendered;
  }
  get rejectionReason(): string | null {
    return this.props.rejectionReason;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  /** The client says the bytes are uploaded: PENDING → PROCESSING, and a job verifies them. */
  completeUpload(now: Date): void {
    if (this.props.status !== 'PENDING') throw new ImageNotPendingError(this.props.status);
    this.props = { ...this.props, status: 'PROCESSING', updatedAt: now };
    this.raise(new ProductImageUploadedEvent(this.id, { imageId: this.id, productId: this.productId }));
  }

  /** Verified and rendered: PROCESSING → READY. */
  markReady(rendered: RenderedImage, now: Date): void {
    invariant(this.props.status === 'PROCESSING', 'Only an image being processed becomes READY');
    this.props = { ...this.props, status: 'READY', rendered, updatedAt: now };
    this.raise(new ProductImageReadyEvent(this.id, { imageId: this.id, productId: this.productId }));
  }

  /** The upload is not the declared image: PROCESSING → REJECTED (its object is deleted with it). */
  reject(reason: string, now: Date): void {
    invariant(this.props.status === 'PROCESSING', 'Only an image being processed is rejected');
    this.props = { ...this.props, status: 'REJECTED', rejectionReason: reason.slice(0, 500), updatedAt: now };
    this.raise(
      new ProductImageRejectedEvent(this.id, { imageId: this.id, productId: this.productId, reason: this.props.rejectionReason! }),
    );
  }

  /** Removed by an admin or abandoned: every object it has is deleted by a job. Idempotent. */
  remove(now: Date): boolean {
    if (this.props.status === 'DELETED') return false;
    const keys = [this.props.uploadKey, ...(this.props.rendered ? [this.props.rendered.imageKey, this.props.rendered.thumbnailKey] : [])];
    this.props = { ...this.props, status: 'DELETED', updatedAt: now };
    this.raise(new ProductImageDeletedEvent(this.id, { imageId: this.id, productId: this.productId, keys }));
    return true;
  }
}
